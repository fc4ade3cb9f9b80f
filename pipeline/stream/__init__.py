"""The stream runtime: Faust app wiring and topics, the embedded broker and its client workarounds, Kafka clients."""
