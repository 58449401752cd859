"""``timelinegraph timeline ACTOR``: an actor's events in time order across all articles, read
from a build's Turtle, as text, JSON or the SemEval-2015 TimeLine format."""

from __future__ import annotations

from .read import ActorTimeline, actor_timeline, actors, find_actor
from .render import render_json, render_text
from .semeval import render_semeval

__all__ = [
    "ActorTimeline",
    "actor_timeline",
    "actors",
    "find_actor",
    "render_json",
    "render_semeval",
    "render_text",
]
