package dev.paperclub.command.member;

import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.paper.Paper;
import java.util.ArrayList;
import java.util.List;

/** Numbered per-result buttons ("Summary 1", "Vote 2", …), within Discord's five per row. */
final class MemberButtons {
    private MemberButtons() {}

    static List<Button> perResult(ButtonAction action, List<Paper> papers, String label) {
        List<Button> row = new ArrayList<>();
        for (int i = 0; i < papers.size() && i < 5; i++) {
            row.add(new Button(
                    ButtonId.of(action, papers.get(i).id()).encode(), label + " " + (i + 1), Button.Style.SECONDARY));
        }
        return row;
    }
}
