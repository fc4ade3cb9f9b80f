"""The worker's web server: the read API (/claims, /updates) and the dashboard with its static files."""
