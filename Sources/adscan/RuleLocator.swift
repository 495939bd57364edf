import Foundation

/// Where the default rule packs live: --rules, $ADSCAN_RULES, an installed share directory next
/// to the binary, or the `lexicons/` directory of the source tree the binary was built in.
enum RuleLocator {
    static func find(explicit: String?) -> String? {
        if let e = explicit { return e }
        if let env = ProcessInfo.processInfo.environment["ADSCAN_RULES"], !env.isEmpty { return env }
        let fm = FileManager.default
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        let share = dir.appendingPathComponent("../share/adscan/lexicons").standardized.path
        if fm.fileExists(atPath: share) { return share }
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("lexicons").path
            if fm.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        if fm.fileExists(atPath: "lexicons") { return "lexicons" }
        return nil
    }
}
