package conllu

import (
	"bufio"
	"io"
)

// maxLineBytes bounds a line of the line-based formats read here (CoNLL-U
// and the standoff and marked annotation files): a 20,000-word sentence
// fits.
const maxLineBytes = 1 << 24

// EachLine calls fn with each line of r, without its line ending, and
// stops at the first error fn returns or reading meets. It returns that
// error with the number of the line it stopped at, so that a format read
// line by line can name the line at fault.
func EachLine(r io.Reader, fn func(text string) error) (line int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), maxLineBytes)
	for sc.Scan() {
		line++
		if err := fn(sc.Text()); err != nil {
			return line, err
		}
	}
	return line, sc.Err()
}
