"""The same chain with plain generators: await delegates as yield from does."""


def pause():
    reply = yield "pause is waiting"  # travels all the way up to send()
    print(f"    pause received {reply!r}")
    return reply


def fetch():
    print("  fetch starts")
    value = yield from pause()  # runs pause() inside this generator
    print(f"  fetch got {value!r}")
    return value * 2


def main():
    print("main starts")
    result = yield from fetch()  # runs fetch() inside this generator
    print(f"main got {result!r}")
    return result + 1


gen = main()
print("send(None) gave", repr(gen.send(None)))
try:
    gen.send(20)
except StopIteration as stop:
    print("main returned", stop.value)
