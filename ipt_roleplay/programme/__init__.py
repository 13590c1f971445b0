"""The programme server: accounts, sign-in, a store per person and the supervisor's view (`serve --programme`)."""
