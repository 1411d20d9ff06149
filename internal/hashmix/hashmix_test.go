package hashmix

import "testing"

// The values are MurmurHash3's fmix64 of these inputs; a change here
// would silently invalidate every trained model's feature keys.
func TestFmix64(t *testing.T) {
	for _, tt := range []struct{ in, want uint64 }{
		{0, 0},
		{1, 0xb456bcfc34c2cb2c},
	} {
		if got := Fmix64(tt.in); got != tt.want {
			t.Errorf("Fmix64(%#x) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}
