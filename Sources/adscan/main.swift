import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

struct Adscan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adscan",
        abstract: "Advertising-compliance scanner for Chinese ad and livestream text.",
        discussion: """
            Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or rule-pack error, a missing
            path, or input that could not be read in full (findings are still written).
            """,
        subcommands: [ScanCommand.self, RulesCommand.self, EvalCommand.self],
        defaultSubcommand: ScanCommand.self)
}

// A closed output pipe must end the scan quietly, not kill it with SIGPIPE.
signal(SIGPIPE, SIG_IGN)

do {
    var command = try Adscan.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Adscan.exitCode(for: error)
    let message = Adscan.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    if !message.isEmpty { printError("adscan: " + message) }
    exit(2)
}
