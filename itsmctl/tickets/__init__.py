"""Working tickets: lifecycles, the actions people take, and writing them to records."""
