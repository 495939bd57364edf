/// The default rule pack, built into the binary: the files of `lexicons/` (name and text, sorted
/// by name), embedded at build time by the EmbedLexicons plugin (see `files`, generated), so an
/// installed adscan needs no share directory. `--rules DIR` and `$ADSCAN_RULES` override it.
public enum DefaultPack {
    /// Where messages about the built-in files say they come from.
    public static let origin = "built-in lexicons"
}
