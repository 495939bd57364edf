// Stage-by-stage throughput, in process, on records already in memory:
//   adscan-microbench DIR [RULES]
// Prints MB/s for UTF-8 validation, the literal prefilter, the matcher and the whole engine,
// so a change can be attributed to a layer (the end-to-end numbers come from bench/run.sh).
import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanNormalize
import AdscanRules
import Foundation

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    print("usage: adscan-microbench DIR [RULES]")
    exit(2)
}
let rulesDir = args.count > 2 ? args[2] : "lexicons"
var t0 = now()
let table = FoldTable.shared
let tFold = now() - t0
t0 = now()
let set = try RuleLoader().load(directory: rulesDir)
let tLoad = now() - t0
t0 = now()
let compiled = try CompiledRuleSet(set)
let tCompile = now() - t0
print(String(format: "startup: fold table %.1f ms, load %.1f ms, compile %.1f ms (%d literals)",
             tFold * 1000, tLoad * 1000, tCompile * 1000, compiled.variantCount))

var records: [[UInt8]] = []
var total = 0
let fm = FileManager.default
if let e = fm.enumerator(atPath: args[1]) {
    for case let rel as String in e {
        let path = args[1] + "/" + rel
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue, let d = fm.contents(atPath: path) else { continue }
        records.append([UInt8](d))
        total += d.count
        if total > 100_000_000 { break }
    }
}
print("records: \(records.count), \(total / 1_000_000) MB")
_ = table

@MainActor func stage(_ name: String, _ body: () -> Int) {
    var best = Double.infinity
    var result = 0
    for _ in 0..<3 {
        let t = now()
        result = body()
        best = min(best, now() - t)
    }
    let label = name.padding(toLength: 24, withPad: " ", startingAt: 0)
    print(label + String(format: " %8.0f MB/s  %9.0f records/s  (%d)", Double(total) / 1e6 / best,
                         Double(records.count) / best, result))
}

if ProcessInfo.processInfo.environment["SHOW_SUSPICIOUS"] != nil {
    var shown = 0
    for r in records where shown < 12 {
        let rep = r.withUnsafeBufferPointer { compiled.evasion.inspector.inspect($0) }
        if let at = rep.suspiciousAt {
            let lo = max(0, at - 24), hi = min(r.count, at + 12)
            print("suspicious at \(at): «" + String(decoding: r[lo..<hi], as: UTF8.self).replacingOccurrences(of: "\n", with: "⏎") + "»")
            shown += 1
        }
    }
}
stage("inspection (utf-8 + disguise)") {
    var n = 0
    for r in records { r.withUnsafeBufferPointer { if compiled.evasion.inspector.inspect($0).suspicious { n += 1 } } }
    return n
}
stage("utf-8 validation") {
    var bad = 0
    for r in records { r.withUnsafeBufferPointer { if UTF8Scan.firstInvalid($0) != nil { bad += 1 } } }
    return bad
}
let suspicious = records.filter { r in r.withUnsafeBufferPointer { compiled.evasion.inspector.inspect($0).suspicious } }
let suspiciousBytes = suspicious.reduce(0) { $0 + $1.count }
print("suspicious records: \(suspicious.count), \(suspiciousBytes / 1_000_000) MB")
stage("evasion rewrite (of all)") {
    var n = 0
    for r in suspicious { r.withUnsafeBufferPointer { n += compiled.evasion.deobfuscator.rewrite($0).bytes.count } }
    return n
}
let hits = HitBuffer()
stage("prefilter (hits)") {
    var n = 0
    for r in records {
        hits.removeAll()
        r.withUnsafeBufferPointer { compiled.prefilter.findAll($0, into: hits) }
        n += hits.count
    }
    return n
}
let scratch = Scratch()
let matcher = Matcher(compiled)
stage("matcher (candidates)") {
    var n = 0
    for r in records { r.withUnsafeBufferPointer { n += matcher.scan($0, scratch: scratch).candidates.count } }
    return n
}
var plain = RecordScanner(compiled)
plain.evasionPass = false
stage("engine, no evasion pass") {
    var n = 0
    for r in records { r.withUnsafeBufferPointer { n += plain.scan($0, scratch: scratch).findings.count } }
    return n
}
let scanner = RecordScanner(compiled)
stage("engine (findings)") {
    var n = 0
    for r in records { r.withUnsafeBufferPointer { n += scanner.scan($0, scratch: scratch).findings.count } }
    return n
}
