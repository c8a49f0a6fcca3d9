// Placeholder until the Pricing module lands.
