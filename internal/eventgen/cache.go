package eventgen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

var (
	cacheMu sync.Mutex
	cached  = map[int]string{}
	tempDir string
)

// Cached returns the path of a store with about n generated events,
// generated once per process in a temporary directory that Cleanup
// removes; with $DYAD_BENCH_DIR set, the file is kept there and reused
// by later runs, since a million events take a while to write.
func Cached(ctx context.Context, n int) (string, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if p, ok := cached[n]; ok {
		return p, nil
	}
	dir := os.Getenv("DYAD_BENCH_DIR")
	if dir == "" {
		if tempDir == "" {
			d, err := os.MkdirTemp("", "dyad-eventgen-")
			if err != nil {
				return "", err
			}
			tempDir = d
		}
		dir = tempDir
	}
	path := filepath.Join(dir, fmt.Sprintf("events-%d.db", n))
	done := path + ".done"
	if _, err := os.Stat(done); err != nil {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		if err := Generate(ctx, path, n, 1); err != nil {
			return "", err
		}
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			return "", err
		}
	}
	cached[n] = path
	return path, nil
}

// Cleanup removes the temporary stores Cached made (not those under
// $DYAD_BENCH_DIR). Call it from TestMain after the run.
func Cleanup() {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if tempDir != "" {
		os.RemoveAll(tempDir)
		tempDir = ""
	}
	cached = map[int]string{}
}
