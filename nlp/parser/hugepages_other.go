//go:build !linux

package parser

// makeSlots returns n zeroed slots for owner's hash table.
func makeSlots[T, O any](_ *O, n int) []T { return make([]T, n) }
