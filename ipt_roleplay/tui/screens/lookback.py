"""Looking back together: pick an exchange (turning points marked), answer the prompts
one at a time, see what happened and what else was on offer, say what else you could
have said, and rehearse from that moment. Every answer is saved as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ipt_roleplay.engine.lookback import ALTERNATIVE
from ipt_roleplay.engine.session import clean_typed
from ipt_roleplay.review import Exchange, Review
from ipt_roleplay.tui import text
from ipt_roleplay.practice.words import reason

MARK = "★"
INTRO = (
    "Go over one exchange slowly, as in therapy: what you meant, what you felt, how it "
    "landed. Then see what else you could have said, and try it again from there. "
    f"{MARK} marks a turning point worth a look. Your answers are saved as you type."
)
# How long typing pauses before the answer is saved (Enter saves at once).
SAVE_AFTER = 0.4


def exchange_row(review: Review, ex: Exchange) -> Content:
    mark = f"{MARK} " if review.suggestion(ex.number) else "  "
    rating = text.rating(ex.rating, width=12) if ex.rating else Content("".ljust(12))
    return Content.assemble(mark, (f"{ex.number + 1}. ", "bold"), rating, ex.reply)


def moment_text(review: Review, ex: Exchange) -> Content:
    """The exchange itself: their line, your reply, and why it is worth a look."""
    parts = [text.spoken(ex.speaker, ex.line), text.spoken("You", ex.reply)]
    suggestion = review.suggestion(ex.number)
    if suggestion is not None:
        parts.append(Content.styled(f"{MARK} {suggestion.why}", "$foreground-muted"))
    return Content("\n").join(parts)


class LookBackScreen(Screen):
    """The exchanges of one session, to pick from."""

    BINDINGS = [
        Binding("enter", "look", "Look at it", id="lookback-look", show=True,
                tooltip="Go over the highlighted exchange, one question at a time."),
        Binding("r", "rehearse", "Rehearse from here", id="lookback-rehearse",
                tooltip="Try the conversation again from just before the highlighted exchange."),
        Binding("escape", "back", "Back", id="lookback-back", tooltip="Back to where you were."),
    ]
    AUTO_FOCUS = "#exchanges"

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(("Looking back · ", "bold"), self.review.record.scenario_title),
            id="title-bar", classes="title",
        )
        intro = INTRO
        if self.review.problem:
            intro += f" The replies not chosen, and rehearsing, are not available: {self.review.problem}."
        yield Static(intro, id="lookback-intro", markup=False)
        how = "Enter to go over one" + (", r to rehearse from it" if self.review.can_rehearse else "")
        yield Static(f"The exchanges · {how}", classes="heading", markup=False)
        yield OptionList(
            *(Option(exchange_row(self.review, ex), id=f"exchange-{ex.number}") for ex in self.review.exchanges),
            id="exchanges", markup=False,
        )
        yield Static("", id="exchange-detail")
        yield Footer()

    def on_mount(self) -> None:
        exchanges = self.query_one("#exchanges", OptionList)
        first = self.review.suggestions[0].turn_number if self.review.suggestions else 0
        exchanges.highlighted = first

    @on(OptionList.OptionHighlighted, "#exchanges")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        ex = self.review.exchanges[event.option_index]
        self.query_one("#exchange-detail", Static).update(moment_text(self.review, ex))

    @on(OptionList.OptionSelected, "#exchanges")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.push_screen(ExchangeScreen(self.review, event.option_index))

    @property
    def highlighted(self) -> int | None:
        return self.query_one("#exchanges", OptionList).highlighted

    def action_look(self) -> None:
        if self.highlighted is not None:
            self.app.push_screen(ExchangeScreen(self.review, self.highlighted))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rehearse":
            return self.review.can_rehearse
        return True

    def action_rehearse(self) -> None:
        if self.highlighted is not None:
            self.app.rehearse(self.review, self.highlighted)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()


class ExchangeScreen(Screen):
    """One exchange: the prompts one at a time, then what happened and what else."""

    BINDINGS = [
        Binding("ctrl+r", "rehearse", "Rehearse from here", id="exchange-rehearse",
                tooltip="Try the conversation again from just before this exchange."),
        Binding("escape", "back", "Exchanges", id="exchange-back",
                tooltip="Back to the list of exchanges (your answers are kept)."),
        Binding("tab", "app.focus_next", "Next part", id="exchange-next-part",
                tooltip="Move between what happened (to scroll it) and what else you could have said."),
    ]
    AUTO_FOCUS = "#answer"

    def __init__(self, review: Review, number: int) -> None:
        super().__init__()
        self.review = review
        self.number = number
        self.exchange = review.exchanges[number]
        self.step = 0  # which prompt; len(prompts) once they are done
        self.earlier = review.answers(number)
        self._pending: Timer | None = None
        self.alternative_saved = self.earlier.get(ALTERNATIVE.id, "")

    # --- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        count = len(self.review.exchanges)
        yield Static(
            Content.assemble(("Looking back · ", "bold"), f"reply {self.number + 1} of {count}"),
            id="title-bar", classes="title",
        )
        yield Static(moment_text(self.review, self.exchange), id="moment")
        yield Static("", id="prompt-step", classes="dim")
        yield Static("", id="prompt", classes="prompt")
        yield Input(id="answer", placeholder="In your own words (Enter on an empty line skips)")
        with VerticalScroll(id="happened"):
            yield Static(self.happened(), id="happened-text")
        yield Static(self.review.ask(ALTERNATIVE), id="alternative-prompt", classes="prompt", markup=False)
        yield Input(
            self.earlier.get(ALTERNATIVE.id, ""), id="alternative",
            placeholder="Type it; Enter shows what it does",
        )
        yield Static("", id="alternative-feedback")
        yield Footer()

    def happened(self) -> Content:
        """What the other person said next, how the reply landed, what else was on offer."""
        from ipt_roleplay.tui.widgets.feedback import rated_parts

        review, ex = self.review, self.exchange
        blocks = []
        after = review.next_line(self.number)
        if after is not None:
            speaker, says, _ = after
            blocks.append(Content.assemble((f"What {speaker} said next: ", "bold"), says))
        blocks.append(Content("\n").join([Content.styled("How your reply landed", "bold"), *rated_parts(ex.feedback)]))
        others = review.alternatives(self.number)
        if others:
            rows = [Content.styled("The replies you did not choose", "bold")]
            rows += [Content.assemble("• ", text.rating(a.rating, width=12), a.reply) for a in others]
            blocks.append(Content("\n").join(rows))
        return Content("\n\n").join(blocks)

    def on_mount(self) -> None:
        self.show_step()

    # --- the prompts, one at a time ------------------------------------------------------

    @property
    def prompts(self):
        return self.review.prompts

    @property
    def asking(self) -> bool:
        return self.step < len(self.prompts)

    def show_step(self) -> None:
        asking = self.asking
        for widget_id in ("#prompt-step", "#prompt", "#answer"):
            self.query_one(widget_id).display = asking
        for widget_id in ("#happened", "#alternative-prompt", "#alternative", "#alternative-feedback"):
            self.query_one(widget_id).display = not asking
        if asking:
            prompt = self.prompts[self.step]
            self.query_one("#prompt-step", Static).update(
                Content(f"Question {self.step + 1} of {len(self.prompts)} · Enter for the next · "
                        "Enter on an empty line skips")
            )
            self.query_one("#prompt", Static).update(Content(self.review.ask(prompt)))
            answer = self.query_one("#answer", Input)
            answer.value = self.earlier.get(prompt.id, "")
            answer.focus()
        else:
            self.query_one("#alternative", Input).focus()

    @on(Input.Changed, "#answer")
    def _typing(self, event: Input.Changed) -> None:
        # Saved as it is typed (after a short pause), so nothing typed is lost.
        if self._pending is not None:
            self._pending.stop()
        if self.asking and event.value.strip() != self.earlier.get(self.prompts[self.step].id, ""):
            self._pending = self.set_timer(SAVE_AFTER, self.save_answer)

    def save_answer(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if not self.asking:
            return
        prompt = self.prompts[self.step]
        value = self.query_one("#answer", Input).value.strip()
        if value == self.earlier.get(prompt.id, ""):
            return
        try:
            self.review.answer(self.number, prompt, value)
        except Exception as error:
            self.notify(f"That answer could not be saved. {reason(error)}", severity="warning", markup=False)
            return
        if value:
            self.earlier[prompt.id] = value
        else:
            self.earlier.pop(prompt.id, None)

    @on(Input.Submitted, "#answer")
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_answer()
        self.step += 1
        self.show_step()

    @on(Input.Submitted, "#alternative")
    def _alternative(self, event: Input.Submitted) -> None:
        event.stop()
        from ipt_roleplay.tui.widgets.feedback import rated_parts

        try:
            feedback = self.review.try_instead(self.number, event.value)
        except Exception as error:
            self.notify(f"That could not be saved. {reason(error)}", severity="warning", markup=False)
            return
        shown = self.query_one("#alternative-feedback", Static)
        self.alternative_saved = clean_typed(event.value)
        if feedback is None:
            shown.update(Content.styled("Type what you could have said; Enter shows what it does.", "$foreground-muted"))
            return
        shown.update(Content("\n").join(rated_parts(feedback)))

    def save_alternative(self) -> None:
        """What else could have been said, kept when leaving even without Enter."""
        value = clean_typed(self.query_one("#alternative", Input).value)
        if value and value != self.alternative_saved:
            try:
                self.review.try_instead(self.number, value)
            except Exception as error:
                self.notify(f"That could not be saved. {reason(error)}", severity="warning", markup=False)

    # --- leaving -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rehearse":
            return self.review.can_rehearse
        return True

    def action_rehearse(self) -> None:
        self.save_answer()
        self.save_alternative()
        self.app.rehearse(self.review, self.number)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.save_answer()
        self.save_alternative()
        self.app.pop_screen()
