// Coverage-guided fuzzing (libFuzzer) of the reader and the normaliser:
//   bench/../fuzz/run.sh SECONDS
// Every input goes through the JSONL/WARC/gzip/charset/HTML readers, the inspection pass, the
// evasion rewrite and the whole engine; a crash, a sanitizer report or a failed invariant stops
// the run and leaves a reproducer.
import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanNormalize
import AdscanReader
import AdscanRules

let engine: RecordScanner = {
    let set = try! RuleLoader().load(directory: "lexicons")
    return RecordScanner(try! CompiledRuleSet(set))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = ReaderFuzzEntry.exercise(bytes)
    let scratch = Scratch()
    bytes.withUnsafeBufferPointer { p in
        let compiled = engine.matcher.compiled
        let report = compiled.evasion.inspector.inspect(p)
        let rewritten = compiled.evasion.deobfuscator.rewrite(p)
        // invariant: every rewritten byte maps back inside the original
        for i in rewritten.bytes.indices {
            let r = rewritten.originalRange(i, i + 1)
            precondition(r.lowerBound >= 0 && r.upperBound <= p.count)
            _ = rewritten.transforms(i, i + 1, original: p)
        }
        precondition(String(validating: rewritten.bytes, as: UTF8.self) != nil, "rewrite must produce valid UTF-8")
        var n = NormalizedText()
        compiled.normalizer.normalize(p, range: 0..<p.count, into: &n)
        precondition(String(validating: n.bytes, as: UTF8.self) != nil, "normaliser must produce valid UTF-8")
        let out = engine.scan(p, scratch: scratch)
        for f in out.findings {
            precondition(f.start >= 0 && f.start <= f.end && f.end <= p.count, "finding offsets inside the record")
            precondition(String(validating: f.contextUTF8, as: UTF8.self) != nil, "a finding's context is valid UTF-8")
        }
        _ = report
    }
    return 0
}

#if FUZZING
// SwiftPM links an executable target's entry point as `adscan_fuzz_main`; hand control to
// libFuzzer's driver from there (libFuzzer's own main is then not linked in).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("adscan_fuzz_main")
public func adscanFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
#else
// Without libFuzzer: replay inputs once each (the seed corpus and crash reproducers are
// regression tests: `adscan-fuzz fuzz/corpus/* fuzz/crashes/*`).
import Foundation

@main
struct Replay {
    static func main() {
        var replayed = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let d = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](d)
            _ = bytes.withUnsafeBufferPointer { fuzzOne($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            replayed += 1
        }
        print("replayed \(replayed) inputs")
    }
}
#endif
