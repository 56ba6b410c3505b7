"""Python 3.7: `async` and `await` became reserved keywords.

On 3.6 this program runs; from 3.7 on it does not compile.
"""
async = "a variable named async"
print(async)
