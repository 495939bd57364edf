import Dispatch

/// Runs two independent pieces of work at once and returns both results (the first error thrown,
/// if any). Loading a pack has such halves: its rules' compiled form and its literals' prefilters;
/// on two cores they take the time of the longer one.
public func concurrently<A, B>(_ a: () throws -> A, _ b: () throws -> B) throws -> (A, B) {
    let results = ResultPair<A, B>()
    withoutActuallyEscaping(a) { a in
        withoutActuallyEscaping(b) { b in
            let work = UncheckedBox((a, b))
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { results.a = Result { try work.value.0() } } else { results.b = Result { try work.value.1() } }
            }
        }
    }
    return (try results.a!.get(), try results.b!.get())
}

/// Runs `work(i)` for every index at once (as many at a time as there are cores) and returns the
/// results in index order: the pack's files parse independently of each other.
public func concurrentMap<T>(_ count: Int, _ work: (Int) throws -> T) throws -> [T] {
    // distinct elements of one buffer, each written by one worker (an Array's subscript setter
    // would check uniqueness of the shared storage from every thread)
    guard count > 0 else { return [] }
    let slots = UnsafeMutableBufferPointer<Result<T, Error>>.allocate(capacity: count)
    defer { slots.deallocate() }
    withoutActuallyEscaping(work) { work in
        let box = UncheckedBox((work, slots))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            (box.value.1.baseAddress! + i).initialize(to: Result { try box.value.0(i) })
        }
    }
    defer { slots.baseAddress!.deinitialize(count: count) }
    return try slots.map { try $0.get() }
}

/// Each worker writes its own slot and concurrentPerform returns only when all are done: no slot
/// is written twice or read early, which is what makes the unchecked sharing sound.
private final class ResultPair<A, B>: @unchecked Sendable {
    var a: Result<A, Error>?
    var b: Result<B, Error>?
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
