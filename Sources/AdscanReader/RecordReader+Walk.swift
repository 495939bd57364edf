#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AdscanModel

/// Directories: the walk (sorted entries, hidden and excluded paths, no symlinked-directory loops)
/// and the files and JSON lines a scanning thread reads when the walk only lists them.
extension RecordReader {
    func walk(_ dir: String) {
        guard !stopped else { return }
        walking += 1
        defer { walking -= 1 }
        guard let d = opendir(dir) else {
            error(dir, nil, "cannot open directory: \(String(cString: strerror(errno)))")
            return
        }
        var names: [(name: String, type: UInt8)] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append((name, e.pointee.d_type))
        }
        // kept open: its files are opened relative to it (one path component for the kernel to
        // resolve per file, not the whole path)
        defer { closedir(d) }
        let dfd = dirfd(d)
        names.sort { $0.name < $1.name }
        for (name, type) in names {
            guard !stopped else { return }
            if options.skipHidden && name.hasPrefix(".") { continue }
            if options.excludes.contains(where: { fnmatch($0, name, 0) == 0 }) { continue }
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            // a regular file read here needs no lstat: readFile's fstat has its size (the
            // directory entry's type says what it is, where the file system fills it in)
            if type == UInt8(DT_REG) && !options.deferFiles {
                readFile(path, in: dfd, name: name)
                continue
            }
            var st = stat()
            guard lstat(path, &st) == 0 else {
                error(path, nil, "cannot read: \(String(cString: strerror(errno)))")
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path)
            case S_IFREG:
                walkedFile(path, size: Int(st.st_size))
            case S_IFLNK:
                // follow links to files; never to directories (no loops)
                var target = stat()
                if stat(path, &target) != 0 {
                    error(path, nil, "broken symbolic link: \(String(cString: strerror(errno)))")
                } else if target.st_mode & S_IFMT == S_IFREG {
                    walkedFile(path, size: Int(target.st_size))
                }
            default:
                continue
            }
        }
    }

    /// A regular file met in a directory walk: read now, or, when it is one small page and files
    /// are deferred, handed on by path.
    func walkedFile(_ path: String, size: Int) {
        let mode = options.mode ?? InputMode.forPath(path)
        guard options.deferFiles, mode == .doc || mode == .html, size <= options.deferredMaxBytes,
              !InputMode.isGzipName(path) else {
            readFile(path)
            return
        }
        batch.items.append(.file(path))
        // a worker holds a batch's files in memory at once: bound their bytes as well as their number
        deferredBytes += size
        if batch.items.count >= options.deferredBatchFiles || deferredBytes >= options.batchBytes { flush(live: false) }
    }

    /// Reads the files and parses the JSONL lines another reader handed on (`Batch.Item.file`,
    /// `.jsonLine`, the lines' bytes in `bytes`), in order, into this reader's batches; other
    /// items are not deferred work and are ignored.
    public func readDeferred(_ items: [Batch.Item], in bytes: [UInt8] = []) {
        walking += 1
        defer { walking -= 1 }
        bytes.withUnsafeBufferPointer { all in
            for item in items where !stopped {
                switch item {
                case .file(let path):
                    readFile(path)
                case .jsonLine(let source, let line, let range):
                    jsonRecord(UnsafeBufferPointer(rebasing: all[range]), source: source, line: line)
                case .record, .error:
                    continue
                }
            }
        }
    }
}
