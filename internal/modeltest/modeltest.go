// Package modeltest holds what the NLP components' tests share: their
// models must save the same bytes whenever they are the same model.
package modeltest

import (
	"bytes"
	"io"
	"testing"
)

// Saved returns the bytes m saves, failing the test if saving fails.
func Saved(t testing.TB, m interface{ Save(io.Writer) error }) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
