import Foundation
import PackagePlugin

/// Build-tool plugin: turns `lexicons/*.yaml`, the word lists in `lexicons/words/` and the models
/// in `lexicons/models/` into a Swift source holding their bytes, so the
/// adscan binary carries its default rule pack (an installed single file finds it from any
/// directory) while the YAML files stay the source of truth. Runs again whenever one changes.
@main
struct EmbedLexicons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let dir = context.package.directoryURL.appending(path: "lexicons")
        let packs = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        // word lists that patterns compose as {{name}}
        let wordsDir = dir.appending(path: "words")
        let lists = ((try? FileManager.default.contentsOfDirectory(at: wordsDir, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        // claim models (tools/fit_claims.py): weights as data
        let modelsDir = dir.appending(path: "models")
        let models = ((try? FileManager.default.contentsOfDirectory(at: modelsDir, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "tsv" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let files = packs + lists + models
        let out = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLexicons.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) rule files from lexicons/",
            executable: try context.tool(named: "adscan-embed-lexicons").url,
            // the tool lists the folders itself and the folders are inputs too: a file added
            // to lexicons/ changes the folder, so the pack is rebuilt even where SwiftPM reuses
            // this plugin's earlier list of files
            arguments: [out.path, "--dir", dir.path],
            inputFiles: files + [dir, wordsDir, modelsDir],
            outputFiles: [out])]
    }
}
