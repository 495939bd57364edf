/// Han ideographs as adscan counts them everywhere (the inspector, the evasion pass, folding and
/// the prefilter's spelling variants): CJK Extension A and the Unified block (U+3400–9FFF), the
/// Compatibility Ideographs (U+F900–FAFF) and the Supplementary Ideographic Planes (U+20000–3FFFF).
public enum Han {
    @inline(__always)
    public static func contains(_ c: UInt32) -> Bool {
        (0x3400...0x9FFF).contains(c) || (0xF900...0xFAFF).contains(c) || (0x20000...0x3FFFF).contains(c)
    }
}
