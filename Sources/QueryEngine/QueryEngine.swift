// Placeholder until dialect translation lands.
