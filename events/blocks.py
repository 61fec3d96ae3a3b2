from wagtail import blocks

from toolkit import limits


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], max_length=limits.PAGE_BODY
    )
    quote = blocks.StructBlock(
        [("text", blocks.TextBlock()), ("source", blocks.CharBlock(required=False))],
        template="blocks/quote_block.html",
    )
