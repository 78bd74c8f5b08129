// Package events holds the CAMEO and PLOVER event ontology, dyad's verb and noun pattern
// dictionary, and the coder that finds who did what to whom in a document.
package events
