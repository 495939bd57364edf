/// A byte trie's edges laid out flat, from its nodes in creation order (node 0 the root, node k's
/// parent and the byte of the edge into it): node n's edges are bytes/targets[start[n] ..<
/// start[n + 1]], in the order its children were made, and the root's children by byte in `root`.
/// Both lead tries (`LeadIndex`, `LeadUnion`) are built so: flat arrays, where an array per node
/// cost most of their build in allocations at every start-up.
struct TrieEdges {
    let start: [Int32]
    let bytes: [UInt8]
    let targets: [Int32]
    let root: [Int32]

    init(parent: [Int32], edgeOf: [UInt8]) {
        let nodes = parent.count
        var start = [Int32](repeating: 0, count: nodes + 1)
        for k in 1..<max(1, nodes) { start[Int(parent[k]) + 1] += 1 }
        for n in 0..<nodes { start[n + 1] += start[n] }
        var fill = start
        var bytes = [UInt8](repeating: 0, count: max(0, nodes - 1)), targets = [Int32](repeating: 0, count: max(0, nodes - 1))
        var root = [Int32](repeating: -1, count: 256)
        for k in 1..<max(1, nodes) {
            let p = Int(parent[k])
            let e = Int(fill[p])
            fill[p] += 1
            bytes[e] = edgeOf[k]
            targets[e] = Int32(k)
            if p == 0 { root[Int(edgeOf[k])] = Int32(k) }
        }
        self.start = start
        self.bytes = bytes
        self.targets = targets
        self.root = root
    }
}
