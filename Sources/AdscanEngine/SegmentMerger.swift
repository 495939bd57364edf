import AdscanModel
import AdscanReader

/// Puts an oversized record back together. The reader hands such a record on in overlapping
/// segments (`Batch.RecordSlice` with `segmentOffset`, `ownFrom` and the line, column and
/// character counts before it), each scanned alone; here their findings move to whole-record
/// offsets, a finding in an overlap counted by the segment that owns it.
public struct SegmentMerger: Sendable {
    private var pending: ScannedRecord?

    public init() {}

    /// Takes the scan of one segment, in input order; after the final segment returns the whole
    /// record (not finished yet: `Engine.finish`).
    public mutating func add(_ part: ScannedRecord, _ slice: Batch.RecordSlice) -> ScannedRecord? {
        var shifted = part.findings.filter { $0.start >= slice.ownFrom && $0.start < (slice.ownTo ?? Int.max) }
        for i in shifted.indices {
            if shifted[i].line == 1 { shifted[i].column += slice.columnBase }
            shifted[i].line += slice.lineBase
            shifted[i].start += slice.segmentOffset
            shifted[i].end += slice.segmentOffset
            shifted[i].charStart += slice.charBase
            shifted[i].charEnd += slice.charBase
            for j in shifted[i].evidence.indices {
                shifted[i].evidence[j].start += slice.segmentOffset
                shifted[i].evidence[j].end += slice.segmentOffset
            }
        }
        if pending == nil { pending = ScannedRecord(origin: part.origin, byteCount: 0, findings: []) }
        pending!.findings += shifted
        pending!.warnings += part.warnings
        pending!.truncated = pending!.truncated || part.truncated
        if pending!.adClasses.isEmpty { pending!.adClasses = part.adClasses }
        if pending!.genre == nil { pending!.genre = part.genre }
        guard slice.isFinal else { return nil }
        var rec = pending!
        rec.byteCount = slice.recordBytes
        pending = nil
        return rec
    }
}
