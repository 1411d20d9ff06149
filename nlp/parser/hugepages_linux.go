package parser

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePage is the size of an x86-64 or arm64 transparent huge page.
const hugePage = 2 << 20

// makeSlots returns n zeroed slots for owner's hash table. A table of
// megabytes gets a mapping of its own, aligned to and advised for huge
// pages: its lookups land on random pages, and with 4 KB pages most of
// them would also miss the TLB. The mapping is released once owner is
// unreachable. Anything that fails falls back to the Go heap.
func makeSlots[T, O any](owner *O, n int) []T {
	var zero T
	size := uintptr(n) * unsafe.Sizeof(zero)
	if size < hugePage {
		return make([]T, n)
	}
	mem, err := syscall.Mmap(-1, 0, int(size+hugePage), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n)
	}
	p := unsafe.Pointer(unsafe.SliceData(mem))
	aligned := unsafe.Add(p, (hugePage-uintptr(p)%hugePage)%hugePage)
	_ = syscall.Madvise(unsafe.Slice((*byte)(aligned), size), syscall.MADV_HUGEPAGE)
	runtime.AddCleanup(owner, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*T)(aligned), n)
}
