// Package hugepages allocates the large hash tables of dyad's models,
// whose lookups land on random pages: with 4 KB pages most of them would
// miss the TLB as well as the cache.
package hugepages

import (
	"runtime"
	"syscall"
	"unsafe"
)

// size is that of an x86-64 or arm64 transparent huge page.
const size = 2 << 20

// Make returns n zeroed values for a table owner holds. A table of
// megabytes gets a mapping of its own, aligned to and advised for huge
// pages, released once owner is unreachable: owner must be a heap object
// that stays reachable as long as the table is used. Anything that fails
// falls back to the Go heap.
func Make[T, O any](owner *O, n int) []T {
	var zero T
	bytes := uintptr(n) * unsafe.Sizeof(zero)
	if bytes < size {
		return make([]T, n)
	}
	mem, err := syscall.Mmap(-1, 0, int(bytes+size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n)
	}
	p := unsafe.Pointer(unsafe.SliceData(mem))
	aligned := unsafe.Add(p, (size-uintptr(p)%size)%size)
	_ = syscall.Madvise(unsafe.Slice((*byte)(aligned), bytes), syscall.MADV_HUGEPAGE)
	runtime.AddCleanup(owner, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*T)(aligned), n)
}
