package coder

// convertEach converts n strings (to upper or lower case) for the
// token-by-token lookups the coder makes: strings the conversion leaves
// alone are kept, and the changed ones are cut from one string, so a
// Doc's words cost one allocation instead of one a word. changes says
// whether the conversion may change a string, appendConverted appends its
// converted form; a string longer than maxBytes (when maxBytes > 0)
// becomes "".
func convertEach(n int, text func(i int) string, changes func(string) bool, appendConverted func([]byte, string) []byte, maxBytes int) []string {
	out := make([]string, n)
	buf := make([]byte, 0, 4*n)
	// Pairs of a changed string's index and its offset in buf, sized for
	// every string changing so that it never grows: appends that double a
	// slice allocate more than the slice itself.
	changed := make([]int32, 0, 2*n)
	for i := range n {
		s := text(i)
		switch {
		case maxBytes > 0 && len(s) > maxBytes:
		case !changes(s):
			out[i] = s
		default:
			changed = append(changed, int32(i), int32(len(buf)))
			buf = appendConverted(buf, s)
		}
	}
	all := string(buf)
	for k := 0; k < len(changed); k += 2 {
		end := len(all)
		if k+2 < len(changed) {
			end = int(changed[k+3])
		}
		out[changed[k]] = all[changed[k+1]:end]
	}
	return out
}
