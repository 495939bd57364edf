import AdscanModel

/// A scanning thread's view of a batch: its records and errors in input order, the files and
/// JSONL lines the reader handed on unread (`ReaderOptions.readInWorkers`) read here, on this
/// thread. One per thread: its reader (and that reader's 1 MB buffer) is made once.
public final class BatchReader {
    private let options: ReaderOptions
    private var reader: RecordReader?
    private var read: [Batch] = []

    /// `options`: those the batches were read with.
    public init(options: ReaderOptions) {
        var o = options
        o.readInWorkers = false
        self.options = o
    }

    /// Calls `record` for each record (its slice of the bytes handed with it) and `error` for each
    /// input error, in input order, and `notice` with what reading tells besides (a skipped file,
    /// a guessed charset) where it does.
    public func forEach(in batch: Batch, notice: (String) -> Void,
                        record: (Batch.RecordSlice, UnsafeBufferPointer<UInt8>) -> Void,
                        error: (RecordError) -> Void) {
        var deferred: [Batch.Item] = []     // a run of files and lines to read, in order
        batch.bytes.withUnsafeBufferPointer { all in
            for item in batch.items {
                switch item {
                case .file, .jsonLine:
                    deferred.append(item)
                    continue
                case .record, .error:
                    break
                }
                if !deferred.isEmpty {
                    readDeferred(deferred, in: batch.bytes, notice: notice, record: record, error: error)
                    deferred.removeAll()
                }
                switch item {
                case .record(let slice): record(slice, all)
                case .error(let e): error(e)
                case .file, .jsonLine: break
                }
            }
        }
        if !deferred.isEmpty { readDeferred(deferred, in: batch.bytes, notice: notice, record: record, error: error) }
    }

    /// Reads the files a directory walk handed on by path and parses the JSONL lines handed on
    /// unparsed, then hands on the records they make.
    private func readDeferred(_ items: [Batch.Item], in bytes: [UInt8], notice: (String) -> Void,
                              record: (Batch.RecordSlice, UnsafeBufferPointer<UInt8>) -> Void,
                              error: (RecordError) -> Void) {
        if reader == nil {
            reader = RecordReader(options: options) { [unowned self] in read.append($0); return true }
        }
        let reader = reader!
        let noticed = reader.notices.count
        reader.readDeferred(items, in: bytes)
        reader.finish()
        for n in reader.notices[noticed...] { notice(n) }
        let batches = read
        read.removeAll()
        for b in batches { forEach(in: b, notice: notice, record: record, error: error) }
    }
}
