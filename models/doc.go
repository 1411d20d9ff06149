// Package models embeds dyad's trained NLP model files, produced by
// `dyad train` from the open data in ../shared/data with a fixed seed.
// Models derived from UD English EWT and UniversalNER are CC BY-SA 4.0;
// see LICENSE-data.md at the repository root.
package models
