import Foundation

// adscan-embed-lexicons OUT.swift FILE.yaml...: writes a Swift source that holds every file's
// name and exact bytes (as an escaped string literal: a byte-array literal of this size takes the
// type checker minutes). Used by the EmbedLexicons build-tool plugin.
let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: adscan-embed-lexicons OUT.swift FILE...\n".utf8))
    exit(2)
}

func literal(_ bytes: Data) -> String {
    guard let text = String(data: bytes, encoding: .utf8) else {
        FileHandle.standardError.write(Data("adscan-embed-lexicons: a rule file is not valid UTF-8\n".utf8))
        exit(1)
    }
    var s = "\""
    for u in text.unicodeScalars {
        switch u {
        case "\\": s += "\\\\"
        case "\"": s += "\\\""
        case "\n": s += "\\n"
        case "\r": s += "\\r"
        case "\t": s += "\\t"
        default:
            if u.value < 0x20 || u.value == 0x7F { s += "\\u{\(String(u.value, radix: 16))}" } else { s.unicodeScalars.append(u) }
        }
    }
    return s + "\""
}

var out = """
    // Generated at build time by adscan-embed-lexicons from lexicons/*.yaml, lexicons/words/*.txt and lexicons/models/*.tsv. Do not edit.
    extension DefaultPack {
        public static let files: [(name: String, text: String)] = [

    """
// `--dir DIR`: DIR/*.yaml|yml, DIR/words/*.txt and DIR/models/*.tsv, each group sorted by name (what the plugin lists)
var paths = Array(args.dropFirst(2))
if paths.count == 2 && paths[0] == "--dir" {
    let dir = URL(fileURLWithPath: paths[1])
    func list(_ d: URL, _ exts: Set<String>) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(at: d, includingPropertiesForKeys: nil)) ?? [])
            .filter { exts.contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map(\.path)
    }
    paths = list(dir, ["yaml", "yml"]) + list(dir.appendingPathComponent("words"), ["txt"])
        + list(dir.appendingPathComponent("models"), ["tsv"])
}
for path in paths {
    let url = URL(fileURLWithPath: path)
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("adscan-embed-lexicons: cannot read \(path)\n".utf8))
        exit(1)
    }
    // word lists and models keep their folder (words/disease.txt, models/claims.tsv): the loader
    // names a list by its file
    let folder = url.deletingLastPathComponent().lastPathComponent
    let name = folder == "words" || folder == "models" ? folder + "/" + url.lastPathComponent : url.lastPathComponent
    out += "        (\(literal(Data(name.utf8))), \(literal(data))),\n"
}
out += "    ]\n}\n"
do {
    try Data(out.utf8).write(to: URL(fileURLWithPath: args[1]))
} catch {
    FileHandle.standardError.write(Data("adscan-embed-lexicons: cannot write \(args[1]): \(error)\n".utf8))
    exit(1)
}
