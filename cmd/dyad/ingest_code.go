package main

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/coder"
)

// articleCoder codes one article; *coder.Coder is one.
type articleCoder interface {
	Code(a *dyad.Article) (dyad.Coding, error)
}

// newIngestCoder is the coder ingest and the demo loader use: the
// embedded dictionaries and models, event nouns on, as `dyad code` codes.
func newIngestCoder() (*coder.Coder, error) {
	c, err := coder.New(coder.Options{EventNouns: true})
	if err != nil {
		return nil, fmt.Errorf("load the event coder: %w", err)
	}
	return c, nil
}

// codeAll codes the articles on every core. errs[i] is not nil when
// articles[i] could not be coded; a coder panic on one story is that
// story's error, so one odd text does not stop a long ingest.
func codeAll(c articleCoder, articles []*dyad.Article) (codings []dyad.Coding, errs []error) {
	codings = make([]dyad.Coding, len(articles))
	errs = make([]error, len(articles))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(articles)) {
		wg.Go(func() {
			for i := range next {
				codings[i], errs[i] = codeOne(c, articles[i])
			}
		})
	}
	for i := range articles {
		next <- i
	}
	close(next)
	wg.Wait()
	return codings, errs
}

func codeOne(c articleCoder, a *dyad.Article) (coding dyad.Coding, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("coder panic: %v", p)
		}
	}()
	coding, err = c.Code(a)
	if err != nil {
		return coding, fmt.Errorf("code: %w", err)
	}
	return coding, nil
}
