import AdscanModel

/// A run of records that share one byte buffer (one allocation per batch, not per record).
public struct Batch: Sendable {
    public enum Item: Sendable {
        case record(RecordSlice)
        case error(RecordError)
        /// A page found by a directory walk, not read yet: whoever scans the batch reads it
        /// (ReaderOptions.deferFiles), so files are read in parallel and still reported in order.
        case file(String)
        /// A JSONL line not parsed yet (its bytes at `range` in `bytes`): whoever scans the batch
        /// parses it (ReaderOptions.deferJSON), so reading standard input is only line splitting.
        case jsonLine(source: String, line: Int, range: Range<Int>)

        /// A file or line still to read (BatchReader), not a record or an error.
        public var isDeferred: Bool {
            switch self {
            case .file, .jsonLine: return true
            case .record, .error: return false
            }
        }
    }

    /// Where a record's text lies in `bytes`, and, for oversized records, which segment this is.
    public struct RecordSlice: Sendable {
        public var origin: RecordOrigin
        public var range: Range<Int>
        /// Byte offset of this segment within the whole record (0 unless segmented).
        public var segmentOffset = 0
        /// Findings starting before this (segment-relative) offset belong to the previous segment ...
        public var ownFrom = 0
        /// ... and those starting at or after this one to the next (nil: the last segment). Both
        /// lie in the middle of an overlap, so a claim up to half the overlap long is whole in the
        /// segment that owns it.
        public var ownTo: Int? = nil
        /// Newlines, scalars since the last newline, and scalars before this segment in the record.
        public var lineBase = 0
        public var columnBase = 0
        public var charBase = 0
        /// False for every segment but the last of a record.
        public var isFinal = true
        /// Bytes of the whole record (known on the final segment).
        public var recordBytes = 0

        public init(origin: RecordOrigin, range: Range<Int>) {
            self.origin = origin
            self.range = range
            self.recordBytes = range.count
        }
    }

    public var bytes: [UInt8] = []
    public var items: [Item] = []
    /// Set when the batch was cut because the next read may block (live input): hand it on now.
    public var live = false

    public init() {}

    public var isEmpty: Bool { items.isEmpty }
}
