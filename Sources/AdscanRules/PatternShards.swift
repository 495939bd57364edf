/// A pattern's slices (`Lexicon.shards`: the pattern once per slice of its largest word list,
/// for a pattern past PCRE2's size), written out only when asked for. Whether there are any is
/// known at load; the slices themselves are needed only where the whole pattern fails to
/// compile, on its first use.
public struct PatternShards: Sendable {
    /// The pattern is not sliced.
    public let isEmpty: Bool
    private let write: @Sendable () -> [String]

    /// No slices.
    public init() {
        isEmpty = true
        write = { [] }
    }

    /// Slices already written.
    public init(_ strings: [String]) {
        isEmpty = strings.isEmpty
        write = { strings }
    }

    /// Slices written by `write` each time they are asked for.
    public init(writing write: @escaping @Sendable () -> [String]) {
        isEmpty = false
        self.write = write
    }

    /// The slices' patterns.
    public var strings: [String] { isEmpty ? [] : write() }
}
