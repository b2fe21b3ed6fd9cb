"""Article photos (issue 15): decoding image bytes safely (``decode``) and finding the photos a
page's article body holds (``reader.extract`` makes the blocks; ``resolve`` fetches their bytes
from the document's container). Core code: never imports Textual."""
