/// All word-list sets of a pack in one byte trie, each end node naming the sets its word belongs
/// to: one walk per position finds where an entry of every set starts. The matcher checks a
/// clause for several required lists per pattern (disease, treat verb, product…); one trie per
/// list walked each clause's bytes once per list, the largest single cost on crawled pages.
public struct LeadUnion: Sendable {
    private let root: [Int32]
    private let edgeStart: [Int32]
    private let edgeByte: [UInt8]
    private let edgeTarget: [Int32]
    /// Sets ending at node n: ends[endStart[n]..<endStart[n + 1]].
    private let endStart: [Int32]
    private let ends: [Int32]
    /// Per node: where its 64 children by continuation byte start in `denseTarget`, or -1. A node
    /// inside a Han character (the second and third of its three bytes) has up to 64 children, and
    /// a linear walk over them was most of this trie's cost; a node with many is looked up directly.
    private let denseStart: [Int32]
    private let denseTarget: [Int32]
    static let denseFrom = 8
    public let setCount: Int

    /// `sets[i]`: the words of set i.
    public init(_ sets: [[String]]) {
        setCount = sets.count
        var pairs: [([UInt8], Int32)] = []
        for (i, words) in sets.enumerated() {
            for w in words where !w.isEmpty { pairs.append((Array(w.utf8), Int32(i))) }
        }
        pairs.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0.lexicographicallyPrecedes($1.0) }
        // nodes in creation order with their parent and edge byte, and (node, set) ends in
        // order: flat arrays (an array per node cost most of this trie's build in allocations)
        var parent: [Int32] = [-1], edgeOf: [UInt8] = [0]
        var endNode: [Int32] = [], endSet: [Int32] = []
        var path: [Int32] = [0]
        var previous: [UInt8] = []
        for (w, s) in pairs {
            var common = 0
            while common < w.count && common < previous.count && w[common] == previous[common] { common += 1 }
            path.removeSubrange((common + 1)...)
            for d in common..<w.count {
                let k = Int32(parent.count)
                parent.append(path[d]); edgeOf.append(w[d])
                path.append(k)
            }
            let node = path[w.count]
            if !(endNode.last == node && endSet.last == s) { endNode.append(node); endSet.append(s) }
            previous = w
        }
        let nodes = parent.count
        // a node's edges in the order its children were made, its ends in the order they came
        let edges = TrieEdges(parent: parent, edgeOf: edgeOf)
        let start = edges.start, bytes = edges.bytes, targets = edges.targets, root = edges.root
        var endStart = [Int32](repeating: 0, count: nodes + 1)
        for n in endNode { endStart[Int(n) + 1] += 1 }
        for n in 0..<nodes { endStart[n + 1] += endStart[n] }
        var endFill = endStart
        var ends = [Int32](repeating: 0, count: endNode.count)
        for (n, s) in zip(endNode, endSet) {
            ends[Int(endFill[Int(n)])] = s
            endFill[Int(n)] += 1
        }
        var denseStart = [Int32](repeating: -1, count: nodes)
        var denseTarget: [Int32] = []
        for n in 0..<nodes {
            let edges = Int(start[n])..<Int(start[n + 1])
            guard edges.count >= Self.denseFrom, edges.allSatisfy({ bytes[$0] & 0xC0 == 0x80 }) else { continue }
            denseStart[n] = Int32(denseTarget.count)
            var slots = [Int32](repeating: -1, count: 64)
            for e in edges { slots[Int(bytes[e] & 0x3F)] = targets[e] }
            denseTarget += slots
        }
        self.denseStart = denseStart
        self.denseTarget = denseTarget
        self.root = root
        edgeStart = start
        edgeByte = bytes
        edgeTarget = targets
        self.endStart = endStart
        self.ends = ends
    }

    /// Calls `found(set, pos)` for every set with an entry starting at a character start of
    /// `bytes`, positions ascending (a set whose words end at several depths is named once per
    /// depth: the caller drops the repeats).
    @inline(__always)
    public func forEachStart(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let end = bytes.count
        root.withUnsafeBufferPointer { root in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeByte.withUnsafeBufferPointer { edgeByte in
        edgeTarget.withUnsafeBufferPointer { edgeTarget in
        endStart.withUnsafeBufferPointer { endStart in
        ends.withUnsafeBufferPointer { ends in
        denseStart.withUnsafeBufferPointer { denseStart in
        denseTarget.withUnsafeBufferPointer { denseTarget in
            var pos = 0
            while pos < end {
                let b0 = base[pos]
                if b0 & 0xC0 == 0x80 { pos += 1; continue }
                var n = Int(root[Int(b0)])
                var p = pos + 1
                while n >= 0 {
                    var e = Int(endStart[n])
                    let eEnd = Int(endStart[n + 1])
                    while e < eEnd {
                        found(Int(ends[e]), pos)
                        e += 1
                    }
                    if p >= end { break }
                    let b = base[p]
                    let d = Int(denseStart[n])
                    if d >= 0 {
                        n = b & 0xC0 == 0x80 ? Int(denseTarget[d + Int(b & 0x3F)]) : -1
                        p += 1
                        continue
                    }
                    var c = Int(edgeStart[n])
                    let stop = Int(edgeStart[n + 1])
                    n = -1
                    while c < stop {
                        if edgeByte[c] == b { n = Int(edgeTarget[c]); break }
                        c += 1
                    }
                    p += 1
                }
                pos += 1
            }
        }}}}}}}}
    }
}
