"""Load on a training programme: N people practising at once through `serve --programme`,
with the store in PostgreSQL. Bounded and loopback only.

    python benchmarks/programme_load.py --sessions 20
    python benchmarks/programme_load.py --sessions 100 --json

What it does, all on this computer: starts a throwaway PostgreSQL cluster (as
tests/pg_cluster.py does; fsync on, as in production), adds N trainee accounts, starts
`ipt-roleplay serve --programme` on a free 127.0.0.1 port, then for each person, at once:
signs in over HTTP, opens the app's websocket (which starts that person's own app
process), starts the first bundled scenario, answers the mood question and gives REPLIES
replies (key "1": the first offered reply), one every THINK seconds on average.

THINK is 10 s by default: faster than people practise. An exchange in the bundled
scenarios is 200 to 340 words to read (the other person's line, the replies offered,
then the feedback): about a minute at 250 words a minute. `--think 2` is a stress
test at five times that pace, to find how many replies a second the server sustains.

What it reports:
- key_to_commit: from the moment a reply's key is sent to the moment its row is committed
  in PostgreSQL (a trigger in the benchmark's own database NOTIFYs on each new turn; the
  notification arrives at commit). This is the whole path: websocket, the person's app,
  the engine, and the write.
- store_commit: the write alone, as the app makes it (Recorder.sync after a reply), from N
  processes at once against the same database: what the store adds to each reply.
- lost: replies sent whose row is not in the database at the end; errors: sessions that
  did not finish (sign-in refused, app ended, time out).

Nothing leaves this computer; the cluster and the accounts are deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pg_cluster import Cluster  # noqa: E402

PASSWORD = "load benchmark password"
ANSI = re.compile(r"\x1b\][^\x07]*\x07|\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>78]")
MAX_SESSIONS = 200
RAMP_SECONDS = 0.3
TRIGGER = """
CREATE FUNCTION bench_turn_committed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('bench_turns', (SELECT owner FROM sessions WHERE id = NEW.session_id)
                    || ' ' || NEW.turn_number);
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER bench_turns AFTER INSERT ON turns FOR EACH ROW EXECUTE FUNCTION bench_turn_committed();
"""


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def replies_on_the_first_path() -> int:
    """How many replies "always the first option" can give in the first bundled scenario
    before it ends: at most 50, as that path may go round a loop."""
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.catalog import bundled_entries

    session = Session(bundled_entries()[0].scenario)
    count = 0
    while not session.is_over and count < 50:
        session.choose(0)
        count += 1
    return count


# --- one person ---------------------------------------------------------------------------


class Screen:
    def __init__(self) -> None:
        self.decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self.text = ""

    def feed(self, data: bytes) -> None:
        self.text = (self.text + ANSI.sub("", self.decode(data)))[-20000:]

    def shows(self, wanted: str) -> bool:
        return wanted in " ".join(self.text.split())


class Gate:
    """Opens when every person still going has reached the conversation, so replies are
    timed with all N apps running, not while some are still starting."""

    def __init__(self, people: int) -> None:
        self.waiting_for = people
        self.open = asyncio.Event()

    def arrived_or_gave_up(self) -> None:
        self.waiting_for -= 1
        if self.waiting_for <= 0:
            self.open.set()


async def person(url: str, name: str, replies: int, think: float, committed: dict, sent: dict,
                 arrived: dict, timeout: float, gate: Gate) -> None:
    import aiohttp

    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as client:
        page = await (await client.get(url + "/sign-in")).text()
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        response = await client.post(url + "/sign-in", allow_redirects=False,
                                     data={"csrf": token, "name": name, "password": PASSWORD})
        if response.status != 303:
            raise RuntimeError(f"{name}: sign-in answered {response.status}")
        ws_url = url.replace("http", "ws", 1) + "/ws?width=100&height=40"
        async with client.ws_connect(ws_url, headers={"Origin": url}, heartbeat=None) as ws:
            screen = Screen()
            await ws.send_str(json.dumps(["focus"]))

            async def read_one(within: float) -> bool | None:
                """One message from the app: True if it drew, None if none came within."""
                try:
                    message = await ws.receive(timeout=within)
                except asyncio.TimeoutError:
                    return None
                if message.type == aiohttp.WSMsgType.BINARY:
                    screen.feed(message.data)
                    return True
                if message.type != aiohttp.WSMsgType.TEXT:
                    raise RuntimeError(f"{name}: the app's connection closed")
                return False

            async def until(wanted: str, within: float = timeout) -> None:
                deadline = time.monotonic() + within
                while not screen.shows(wanted):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError(f"{name}: the screen never showed {wanted!r}")
                    await read_one(min(left, 1.0))

            async def key(data: str) -> None:
                await ws.send_str(json.dumps(["stdin", data]))

            async def settle(quiet: float) -> bool:
                """Read until the app has drawn nothing for ``quiet`` seconds; True if it drew."""
                drew = False
                while (got := await read_one(quiet)) is not None:
                    drew = drew or got
                return drew

            async def read_for(seconds: float) -> None:
                deadline = time.monotonic() + seconds
                while (left := deadline - time.monotonic()) > 0 and await read_one(left) is not None:
                    pass

            async def give_until(wanted: str, keys: str, again: str | None = None) -> None:
                # A screen takes keys once it has settled after its first frame; keys that
                # came too early change nothing, and are given again (``again``, if the
                # first ones may have left something to rub out).
                for attempt in range(4):
                    await settle(1.0)
                    await key(again if attempt and again is not None else keys)
                    try:
                        await until(wanted, within=30.0)
                        return
                    except TimeoutError:
                        continue
                raise TimeoutError(f"{name}: the screen never showed {wanted!r}")

            await until("Choose a conversation to practise")
            await give_until("Who is in the conversation", "\r")
            screen.text = ""
            await give_until("How are you feeling right now?", "\r")
            screen.text = ""
            # The mood question before the conversation, answered.
            await give_until("1. ", "6\r", again="\x7f" * 3 + "6\r")
            gate.arrived_or_gave_up()
            while not gate.open.is_set():
                await settle(0.5)
            for number in range(replies):
                # People differ. A browser answers the server's pings while its person
                # reads, so the screen is read meanwhile (aiohttp answers them as it reads).
                await read_for(random.uniform(0.5, 1.5) * think)
                # The turn this reply makes: one after the person's last committed turn
                # (a start-up key given twice under load may have made one already).
                turn = max((t for (who, t) in arrived if who == name), default=-1) + 1
                event = asyncio.Event()
                committed[(name, turn)] = event
                sent[(name, turn)] = time.perf_counter()
                await key("1")
                try:
                    await asyncio.wait_for(event.wait(), timeout)
                except asyncio.TimeoutError:
                    raise TimeoutError(f"{name}: reply {number + 1} was not committed") from None
                # Keep reading the screen so the app is never held up by a full socket.
                await settle(0.05)
            await ws.close()


async def listen(db_url: str, committed: dict, arrived: dict, stop: asyncio.Event) -> None:
    import psycopg

    conn = await psycopg.AsyncConnection.connect(db_url, autocommit=True)
    await conn.execute("LISTEN bench_turns")
    try:
        while not stop.is_set():
            async for note in conn.notifies(timeout=0.5):
                now = time.perf_counter()
                owner, number = note.payload.rsplit(" ", 1)
                key = (owner, int(number))
                arrived.setdefault(key, now)
                if key in committed:
                    committed[key].set()
    finally:
        await conn.close()


async def drive(url: str, db_url: str, names: list[str], replies: int, think: float,
                timeout: float) -> dict:
    committed: dict = {}
    sent: dict = {}
    arrived: dict = {}
    stop = asyncio.Event()
    listener = asyncio.create_task(listen(db_url, committed, arrived, stop))
    await asyncio.sleep(0.5)
    started = time.perf_counter()
    # People arrive RAMP seconds apart, as a class does, not all in the same millisecond.
    gate = Gate(len(names))

    async def staggered(i: int, name: str) -> None:
        await asyncio.sleep(RAMP_SECONDS * i)
        try:
            await person(url, name, replies, think, committed, sent, arrived, timeout, gate)
        except BaseException:
            if not gate.open.is_set():
                gate.arrived_or_gave_up()  # so the others do not wait for this one
            raise

    results = await asyncio.gather(*(staggered(i, n) for i, n in enumerate(names)),
                                   return_exceptions=True)
    elapsed = time.perf_counter() - started
    await asyncio.sleep(0.5)
    stop.set()
    await listener
    errors = [str(r) for r in results if isinstance(r, BaseException)]
    latencies = [(arrived[k] - t) * 1000 for k, t in sent.items() if k in arrived]
    unconfirmed = sum(1 for k in sent if k not in arrived)
    times = sorted(sent.values())
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else 0.0
    return {"errors": errors, "latencies_ms": latencies, "sent": len(sent), "elapsed_s": elapsed,
            "unconfirmed": unconfirmed, "rate": rate}


# --- the store alone ------------------------------------------------------------------------


def _store_worker(db_url: str, owner: str, replies: int, think: float, out, ready, go) -> None:
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.catalog import bundled_entries
    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.recorder import Recorder

    timings = []
    with History.open(db_url, owner=owner) as history:
        session = Session(bundled_entries()[0].scenario)
        recorder = Recorder.start(history, session)
        ready.release()
        go.wait()
        for _ in range(replies):
            time.sleep(random.uniform(0.5, 1.5) * think)
            session.choose(0)
            start = time.perf_counter()
            recorder.sync(session)
            timings.append((time.perf_counter() - start) * 1000)
    out.put(timings)


def store_commits(db_url: str, people: int, replies: int, think: float) -> list[float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    ready, go = context.Semaphore(0), context.Event()
    procs = [
        context.Process(target=_store_worker,
                        args=(db_url, f"store{i}", replies, think, queue, ready, go))
        for i in range(people)
    ]
    for proc in procs:
        proc.start()
    for _ in procs:  # everyone connected and started, then the timed replies
        ready.acquire(timeout=600)
    go.set()
    timings = []
    for _ in procs:
        timings += queue.get(timeout=600)
    for proc in procs:
        proc.join(60)
    return timings


# --- the run ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="people practising at once (<= 200)")
    parser.add_argument("--replies", type=int, default=5, help="replies each person gives")
    parser.add_argument("--think", type=float, default=10.0,
                        help="seconds between a person's replies, on average (default 10)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds any one step may take")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be from 1 to {MAX_SESSIONS}")
    replies = min(args.replies, replies_on_the_first_path() - 1)

    import psycopg

    from ipt_roleplay.programme import accounts as accounts_module
    from ipt_roleplay.programme.accounts import Accounts

    figures: dict = {"sessions": args.sessions, "replies_each": replies, "think_s": args.think}
    with Cluster(max_connections=args.sessions * 2 + 20, fsync=True) as cluster, \
            tempfile.TemporaryDirectory() as home:
        db_url = cluster.new_database()
        names = [f"trainee{i:03d}" for i in range(args.sessions)]
        # The accounts' hashes at a low cost: this measures practising, not signing in.
        accounts_module.SCRYPT_N = 2**10
        with Accounts.open(db_url) as accounts:
            for name in names:
                accounts.add(name, "trainee", PASSWORD)
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute(TRIGGER)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "IPT_ROLEPLAY_HOME": home, "IPT_ROLEPLAY_DATABASE_URL": db_url}
        log = Path(home) / "server.log"
        with open(log, "wb") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "ipt_roleplay", "serve", "--programme", "--port", str(port)],
                env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
        try:
            deadline = time.monotonic() + 60
            while b"ready" not in log.read_bytes():
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"the server did not start:\n{log.read_text()}")
                time.sleep(0.1)
            served = asyncio.run(drive(url, db_url, names, replies, args.think, args.timeout))
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
        with psycopg.connect(db_url) as conn:
            stored = conn.execute(
                "SELECT count(*) FROM turns t JOIN sessions s ON s.id = t.session_id"
                " WHERE s.owner LIKE 'trainee%'"
            ).fetchone()[0]
        lat = served["latencies_ms"]
        figures.update({
            "replies_sent": served["sent"],
            "replies_committed": len(lat),
            "replies_stored_at_end": stored,
            # Sent, and never committed: no notification came, and the count falls short.
            "lost": min(served["unconfirmed"], max(0, served["sent"] - stored)),
            "errors": len(served["errors"]),
            "error_examples": served["errors"][:3],
            # What the server said about them (an app that stopped says why there).
            "server_log_tail": log.read_text(errors="replace").splitlines()[-8:] if served["errors"] else [],
            "key_to_commit_p50_ms": round(percentile(lat, 0.50), 1),
            "key_to_commit_p95_ms": round(percentile(lat, 0.95), 1),
            "key_to_commit_max_ms": round(max(lat), 1) if lat else None,
            "replies_per_s": round(served["rate"], 1),
            "served_run_s": round(served["elapsed_s"], 1),
        })
        store = store_commits(db_url, args.sessions, replies, args.think)
        figures.update({
            "store_commit_p50_ms": round(percentile(store, 0.50), 2),
            "store_commit_p95_ms": round(percentile(store, 0.95), 2),
            "store_commit_max_ms": round(max(store), 2),
            "store_commits": len(store),
        })
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    return 1 if figures["errors"] or figures["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
