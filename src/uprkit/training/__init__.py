"""Training the trainers: local workshop packs, the offline pack, and the demo workshop cycle."""
