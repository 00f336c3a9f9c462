"""``python -m storyaudio`` runs the command line."""

from .cli import main

main()
