package main

import (
	"os"
	"path/filepath"
	"runtime"
)

// defaultDBPath is where the article database lives unless --db says
// otherwise: $DYAD_DB, else the platform's per-user data directory
// ($XDG_DATA_HOME/dyad, ~/.local/share/dyad, or on macOS
// ~/Library/Application Support/dyad). The directory is created so that a
// first run works; if that fails, opening the database reports why.
func defaultDBPath() string {
	if p := os.Getenv("DYAD_DB"); p != "" {
		return p
	}
	dir := userDataDir()
	if dir == "" {
		return "dyad.db"
	}
	dir = filepath.Join(dir, "dyad")
	_ = os.MkdirAll(dir, 0o755) // best effort; sqlite.Open names the path if it is unusable
	return filepath.Join(dir, "dyad.db")
}

func userDataDir() string {
	if runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		if xdg := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(xdg) {
			return xdg
		}
	}
	if runtime.GOOS == "windows" {
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return d
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support")
	}
	return filepath.Join(home, ".local", "share")
}

// defaultDataDir is the shared training and reference data: $DYAD_DATA,
// else ../shared/data, where it sits beside a checkout of the repository.
func defaultDataDir() string {
	if d := os.Getenv("DYAD_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "shared", "data")
}
