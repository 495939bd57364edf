/// The entries a pattern's matches must begin with, as a byte trie over their UTF-8: tells in a
/// few steps whether an entry starts at a position. A pattern that composes a list of thousands of
/// words (`(?:{{disease}})…`) costs PCRE2 a walk over thousands of branches at every position it
/// tries; with the index it is tried only where an entry starts (see `Regex.forEachMatch`).
public struct LeadIndex: Sendable {
    /// Node 0 is the root; its children by first byte in `root` (-1: none).
    private let root: [Int32]
    /// Children of node n are edges edgeStart[n]..<edgeStart[n + 1], (byte, target) pairs.
    private let edgeStart: [Int32]
    private let edgeByte: [UInt8]
    private let edgeTarget: [Int32]
    private let terminal: [Bool]

    public init(_ words: [String]) {
        // sorted byte strings: a word shares its path with the previous one up to their common
        // prefix, so the trie is built along one path without a lookup per byte
        // (the loader's lists come sorted by bytes and unique: no hashing or sorting then)
        var sorted = words.map { Array($0.utf8) }
        if !zip(sorted, sorted.dropFirst()).allSatisfy({ $0.lexicographicallyPrecedes($1) }) {
            sorted = Set(sorted).sorted { $0.lexicographicallyPrecedes($1) }
        }
        // nodes in creation order, each with its parent and the byte of its edge (flat arrays:
        // an array per node cost a third of the pack's start-up in allocations)
        var parent: [Int32] = [-1], edgeOf: [UInt8] = [0]
        var isEnd: [Bool] = [false]
        var path: [Int32] = [0]        // path[d]: the node after d bytes of the previous word
        var previous: [UInt8] = []
        for w in sorted where !w.isEmpty {
            var common = 0
            while common < w.count && common < previous.count && w[common] == previous[common] { common += 1 }
            path.removeSubrange((common + 1)...)
            for d in common..<w.count {
                let k = Int32(parent.count)
                parent.append(path[d]); edgeOf.append(w[d]); isEnd.append(false)
                path.append(k)
            }
            isEnd[Int(path[w.count])] = true
            previous = w
        }
        // a node's edges in the order its children were made (their bytes ascending)
        let edges = TrieEdges(parent: parent, edgeOf: edgeOf)
        root = edges.root
        edgeStart = edges.start
        edgeByte = edges.bytes
        edgeTarget = edges.targets
        terminal = isEnd
    }

    /// The child of node `n` on byte `b` (-1: none): a linear scan, fan-out is small past the root.
    @inline(__always)
    private func child(_ n: Int, _ b: UInt8) -> Int {
        var e = Int(edgeStart[n])
        let stop = Int(edgeStart[n + 1])
        while e < stop {
            if edgeByte[e] == b { return Int(edgeTarget[e]) }
            e += 1
        }
        return -1
    }

    /// Whether an entry starts at `pos` of base[..<end].
    @inline(__always)
    public func startsEntry(_ base: UnsafePointer<UInt8>, _ pos: Int, _ end: Int) -> Bool {
        var n = Int(root[Int(base[pos])])
        var p = pos + 1
        while n >= 0 {
            if terminal[n] { return true }
            if p >= end { return false }
            n = child(n, base[p])
            p += 1
        }
        return false
    }

    /// The byte length of the longest entry that starts at `pos` of base[..<end] (0: none).
    public func longestEntry(_ base: UnsafePointer<UInt8>, _ pos: Int, _ end: Int) -> Int {
        var n = Int(root[Int(base[pos])])
        var p = pos + 1
        var longest = 0
        while n >= 0 {
            if terminal[n] { longest = p - pos }
            if p >= end { return longest }
            n = child(n, base[p])
            p += 1
        }
        return longest
    }
}
