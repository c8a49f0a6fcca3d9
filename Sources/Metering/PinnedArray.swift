/// A fixed-size array at a stable address, for what a scan reads per cell: reading an element
/// costs no reference counting or copy-on-write check. The one place Metering allocates raw
/// memory; freed with the array.
final class PinnedArray<Element> {
    private let storage: UnsafeMutableBufferPointer<Element>

    init(_ elements: some Collection<Element>) {
        storage = .allocate(capacity: elements.count)
        _ = storage.initialize(from: elements)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    var count: Int { storage.count }

    @inline(__always) subscript(_ index: Int) -> Element {
        get { storage[index] }
        set { storage[index] = newValue }
    }
}
