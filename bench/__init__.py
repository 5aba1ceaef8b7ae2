"""The benchmark: latency, throughput, ingest rate, memory and scaling, against the embedding floor."""
