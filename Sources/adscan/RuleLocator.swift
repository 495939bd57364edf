import AdscanDefaultPack
import Foundation

/// Where the rule pack comes from: --rules, $ADSCAN_RULES, a share directory installed beside
/// the executable (`<prefix>/bin/adscan` → `<prefix>/share/adscan/lexicons`, found from the
/// executable's real path, not argv[0], which is often a bare name), else the pack built into
/// the binary (`lexicons/` as it was at build time).
enum RuleLocator {
    enum Source: Equatable {
        case directory(String)
        case builtIn
    }

    static func find(explicit: String?) -> Source {
        if let e = explicit { return .directory(e) }
        if let env = ProcessInfo.processInfo.environment["ADSCAN_RULES"], !env.isEmpty { return .directory(env) }
        if let exe = executablePath() {
            let share = URL(fileURLWithPath: exe).deletingLastPathComponent()
                .appendingPathComponent("../share/adscan/lexicons").standardized.path
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: share, isDirectory: &isDir), isDir.boolValue { return .directory(share) }
        }
        return .builtIn
    }

    /// The running executable's real path (/proc/self/exe on Linux).
    static func executablePath() -> String? {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        let arg = CommandLine.arguments[0]
        return arg.contains("/") ? URL(fileURLWithPath: arg).resolvingSymlinksInPath().path : nil
    }
}
