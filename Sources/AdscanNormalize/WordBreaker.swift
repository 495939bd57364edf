import CICUShim

/// ICU word boundaries over a small UTF-8 window (ICU segmentation runs at ~10 MB/s, so it is
/// only ever called around candidate hits). Not thread-safe: one per worker.
public final class WordBreaker {
    private let wb: OpaquePointer
    private var buffer = [Int32](repeating: 0, count: 256)

    public init?() {
        var err: Int32 = 0
        guard let wb = cicushim_wb_open(&err) else { return nil }
        self.wb = wb
    }

    deinit { cicushim_wb_close(wb) }

    /// Boundary offsets (relative to the window) of `bytes`, ascending, including 0 and count.
    public func boundaries(_ bytes: UnsafeBufferPointer<UInt8>) -> ArraySlice<Int32> {
        var err: Int32 = 0
        while true {
            let cap = Int32(buffer.count)
            let n = buffer.withUnsafeMutableBufferPointer { out in
                cicushim_wb_boundaries(wb, bytes.baseAddress, Int64(bytes.count), out.baseAddress, cap, &err)
            }
            if n < 0 { return [0, Int32(bytes.count)] }
            if n <= cap { return buffer[0..<Int(n)] }
            buffer = [Int32](repeating: 0, count: Int(n))
        }
    }
}
