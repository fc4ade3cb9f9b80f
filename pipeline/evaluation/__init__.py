"""Evaluation and benchmarks, apart from the product: gold-set scoring, corpora, pipeline sessions, benchmarks."""
