"""The words that frame a question about the statements (what it asks, not its topic), and the words that, with no
other topic, make a question about a meeting itself."""

from __future__ import annotations

from index.text.words import stem

# Words that frame a question about the statements but say nothing about its topic.
_FRAMING_TEXT = """
    say said says saying agree agreed statement statements joint forum forums cbcf meeting meetings minister
    ministers canada canadian canadians united states us usa u.s america american americans country
    countries tell please know discuss discussed discussing discussion discussions mention mentioned mentions
    regarding anything something thing things year years cross border crime cross-border two governments
    government officials could
    would might may also get got give like want wondering curious explain summary summarize describe
    happened happen talk talked topic topics outcome outcomes tl dr hey hi hello thanks thank ok okay exactly
    actually really much many new one lot kind sort bit stuff wrt re pls plz sorry anyway anyways btw lol hmm
    compare compared comparison change changed changes differ difference differences different versus vs
    between both either each did does doing done make made commit committed commitment commitments
    decide decided plan planned plans going gonna try trying wanted way ways plain terms promise promised
    promises basically briefly overall main key specific specifically exact precise regard respect latest recent
    earlier earliest newest older previous prior last most city place where held hosted host hosts
    first second third fourth fifth sixth seventh eighth ninth tenth
    went go goes going came come comes supposed stand stands stood matter matters put set back
    time today now currently nowadays presently anymore lately recently side sides communique communiques readout
    around fast quickly soon including counting right immediately enough somebody anybody everybody
    shift shifts shifted shifting evolve evolved evolving evolution trend trends focus bring brings brought
    heard hear hearing news saw seen article articles headline headlines rumor rumour apparently supposedly
    list show name names based located headquartered housed stationed situated according to-do todo
    fundamentally essentially ultimately generally usually typically primarily mainly mostly english simple simply
    concrete tangible actual
"""
FRAMING_WORDS = frozenset(_FRAMING_TEXT.split())
# Words that, with no other topic, make a question about a meeting itself: who came, when and where it was,
# which one it was, what it covered.
_MEETING_TEXT = """
    attend attended attending attendance attendees represent represented representing representative send sent
    spoke speak speaking
    sign signed signing tackle tackled tackling address addressed addressing areas area work
    sum points message messages cooperation cooperate collaboration collaborate together announcements
    announcement
    representatives came come coming met meet meets take took taking place part join joined joining held hold
    visit visited visiting
    participate participated participants participating delegation delegations delegates lead led leading
    month day date time location venue building hotel town cover covered covers covering agenda issues themes subjects
    priorities focus focused concentrate concentrated emphasis emphasized prioritized
    number edition session sessions times restart restarted reestablished pause paused hiatus
    re-established relaunched revived relaunch revive since back people persons leaders officials ones convene convened
    three four five six seven eight nine ten quick brief short rundown recap gist highlights overview summary
    tldr section sections heading headings takeaway takeaways conclusions results achievements decisions
    nutshell outline bullet bullets plate steps
    point purpose aim goal objective reason big picture get-together gathering trying done overall end table
"""
MEETING_WORDS = frozenset(_MEETING_TEXT.split())
MEETING_STEMS = frozenset(stem(w) for w in MEETING_WORDS | FRAMING_WORDS)
