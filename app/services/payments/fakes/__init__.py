"""Local fakes of the payment providers (issue #16): each follows its provider's published
protocol with its own keys, for the tests and the demo site."""
