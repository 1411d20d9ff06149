package hugepages

import (
	"runtime"
	"testing"
	"unsafe"
)

// hugePage is the size of an x86-64 huge page.
const hugePage = 2 << 20

type table struct{ slots []uint64 }

func TestMake(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 3 << 20} {
		owner := &table{}
		owner.slots = Make[uint64](owner, n)
		if len(owner.slots) != n {
			t.Fatalf("Make(%d): %d values", n, len(owner.slots))
		}
		for i := range owner.slots {
			if owner.slots[i] != 0 {
				t.Fatalf("Make(%d): value %d is %d, want 0", n, i, owner.slots[i])
			}
			owner.slots[i] = uint64(i)
		}
		if n > 0 && owner.slots[n-1] != uint64(n-1) {
			t.Fatalf("Make(%d): the last value did not keep what was written", n)
		}
		if runtime.GOOS == "linux" && n*8 >= hugePage {
			if p := uintptr(unsafe.Pointer(unsafe.SliceData(owner.slots))); p%hugePage != 0 {
				t.Errorf("Make(%d): table at %#x, not on a huge-page boundary", n, p)
			}
		}
		runtime.KeepAlive(owner)
	}
}
