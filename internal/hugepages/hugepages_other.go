//go:build !linux

// Package hugepages allocates the large hash tables of dyad's models.
package hugepages

// Make returns n zeroed values for a table owner holds.
func Make[T, O any](_ *O, n int) []T { return make([]T, n) }
