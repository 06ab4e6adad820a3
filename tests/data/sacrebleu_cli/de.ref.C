Angriff mit Pfefferspray auf ein Paar in einem Hundepark in Kalifornien, weil es während des Mittagessens keine Maske trug (VIDEO) – RT USA News
Eine Sache ist es, Maskenverweigerern Vorwürfe zu machen, aber etwas ganz anderes sind körperliche Angriffe.
Ein Paar aus Kalifornien erlebte Letzteres, als es zusammen mit seinem Welpen in einem Hundepark in Kalifornien beim Mittagessen saß und eine zornige Frau sie mit Pfefferspray attackierte, weil sie sich weigerten, die Maske aufzusetzen... beim Essen.
Ash O‘Brien und ihr Mann Jarett Kelly sagten, sie hätten am Donnerstag gerade eine Kleinigkeit gegessen, als sie zusammen mit ihrem drei Monate alten Schoßhund im Hundepark Dusty Rhodes in San Diego waren.
Das Paar hatte zum Essen die Maske abgenommen, als eine „zufällig vorbeikommende alte Frau“ herantrat, sie als „Idioten“ bezeichnete, weil sie keine Maske trugen, „auch wenn es gar nicht möglich ist, beim Essen eine Maske zu tragen“.
O'Brien forderte die Frau auf, den Park zu verlassen und sie nicht weiter zu belästigen, worauf die Frau das Paar mit Pfefferspray attackierte.
Die Videoaufnahme eines Zeugen beginnt damit, dass Kelley der Frau das Spray abnimmt und bei dieser Gelegenheit selbst eine Ladung ins Gesicht bekommt.
O'Brien ist im Hintergrund weinend zu hören, während die Angreiferin sich mit ihren Hunden entfernt.
O‘Brien stellte das Video auf Facebook und sagte ABC 10, sie wolle die Frau „im Knast sehen“.
Gesichtsmasken sind im ganzen Bundesstaat Kalifornien vorgeschrieben, auch im Freien.
Die Masken dürfen nur zu wenigen konkreten Gelegenheiten abgenommen werden, unter anderem beim Essen oder Trinken.
Nirgendwo in den Coronavirus-Richtlinien des Bundesstaates ist aber zu lesen, dass Passanten nichttödliche Waffen verwenden dürfen, um diese Richtlinie durchzusetzen.
Auch in den heutigen Zeiten der „Maskenvorwürfe“ ist dies immer noch eine Straftat, die mit einer Geldstrafe von 1.000 Dollar oder bis zu 3 Jahren Gefängnis geahndet wird.
Proteste in Seattle: Einsatz von Feuer und Pfefferspray beim Marsch von Tausenden durch die Stadt
SEATTLE - Nach wochenlangen eskalierenden Konfrontationen zwischen Demonstranten und Bundesbehörden in Portland, Oregon, mobilisierte sich am Samstag in Seattle eine Menge von etwa 2.000 Menschen, die durch die Straßen marschierte und mit der Polizei aneinandergeriet.
Drei Polizisten wurden verletzt, darunter ein Beamter, der durch einen Sprengsatz eine Beinverletzung erlitt und ins Krankenhaus gebracht wurde, bis zum frühen Abend wurden 16 Demonstranten festgenommen, so die Polizei.
Mit Bannern wie „Feds Go Home“ und Sprechchören wie „No justice, no peace“ stoppten die Demonstranten am Standort eines zukünftigen Jugendgefängnisses und setzten dort Gebäude in Brand. Einige schlugen die Fenster von Geschäften in der Nähe ein.
Im Stadtteil Capitol Hill ging die Polizei gegen die Menge vor und setzte Brandgranaten und Pfefferspray ein, bevor sie begann, Personen in Gewahrsam zu nehmen.
Bipasha Mukherjee, 52, aus Kirkland, Washington, sagte, sie demonstriere bereits sei Mai und sei besorgt über das aggressive Vorgehen der Polizeikräfte.
„Dies ist nicht das Land, in das ich ausgewandert bin“, sagte Frau Mukherjee, die vor mehr als 30 Jahren aus Indien kam. „Es fühlt sich an, als würden wir uns rasend schnell zu einem Faschisten- und Polizeistaat entwickeln.“
Michaud Savage aus Seattle sagte, dass sich die Proteste sowohl gegen die örtlichen Behörden als auch gegen den Einsatz von Bundesbeamten, die gegen einen seit langem andauernden Protest in Portland vorgingen, richten würden. Herr Savage sagte, dass die Taktiken der Strafverfolgungsbehörden in Portland, zu denen auch der Einsatz von Tränengas und Munition zur Kontrolle der Mengen gehörten, gefährlich und unangemessen seien.
"Wir schlittern hier mit Anlauf in eine extrem gewalttätige Richtung", sagte Herr Savage, während er sich die Augen spülte und eine Wunde an seinem Arm von einer Blendgranate versorgte.
Der Tod von Georg Floyd in Polizeigewahrsam in Minneapolis im Mai löste Massenproteste aus, die in Dutzenden von Städten Millionen Menschen auf die Straße brachten, in den meisten Städten aber sind diese Demonstrationen abgeflaut.
In Seattle und Portland gab es jedoch ausgedehnte Proteste. Zu einem Zeitpunkt besetzten die Demonstranten in Seattle mehrere Blöcke des Wohnviertels Capitol Hill und erklärten diese zur autonomen Zone. Nach mehreren Schießereien sah sich die Polizei dann dazu veranlasst, das Gebiet zu räumen, seit dem waren die Proteste abgeklungen.
In Portland gingen unterdessen die Proteste weiter, einige der heftigsten Proteste fanden hierbei rund um die Bundesgebäude in der Stadt statt. Nachdem Präsident Trump eine Durchführungsverordnung zum Schutz von Statuen und Bundeseigentum erlassen hatte, entsandte das Heimatschutzministerium taktische Teams in die Stadt, dies entwickelte sich zum Startpunkt einer Reihe von Zusammenstößen, die zu verletzten Demonstranten, Untersuchungen des Generalinspekteurs und Aufrufen der örtlichen Behördenleitung zum Abzug der Bundesbeamten führten.
Die protestierende Menge ging in die Tausende, die Demonstrationen dauerten an. In dieser Woche entsandten Bundesbeamte ein taktisches Team nach Seattle, die Demonstranten nannten diese Entwicklung als einen Grund für die Demonstrationen am Samstag.
Während sich die Demonstranten in Portland eher auf das Innenstadtgebiet konzentriert hatten, zogen die Demonstrationen am Samstag durch Gebiete östlich des Stadtzentrums, wo sich das Bundesgerichtsgebäude befindet.
Dominic Cummings wird von der SAS als Geisel genommen ... auf einer Tour durch den Stützpunkt
Der Chefberater des Premierministers machte diese Erfahrung letzte Woche bei einer Besichtigung des Stützpunkts
Der Gedanke, dass Dominic Cummings als Geisel genommen wird, während Gewehre auf seinen Kopf gerichtet sind, könnte für einige geplagte Beamte ein Grund für heimliche Freude sein.
Doch der kompromisslose Chefberater des Premierministers hat genau diese Erfahrung letzte Woche bei einer Besichtigung des SAS-Hauptquartiers, Stirling Lines, gemacht.
Die Mail on Sunday kann enthüllen, dass zu seinem Besuch am Mittwoch auch ein Besuch im „Killing House“ gehörte, wo Elitesoldaten ihre Fähigkeiten im Kampf gegen Terroristen trainieren.
Die geführte Besichtigung durch den Stützpunkt in Hereford umfasste auch eine Inspektion der militärischen Ausrüstung des Regiments und eine Informationsveranstaltung über die jüngsten Operationen, einschließlich der Bemühungen zur Beseitigung der Terroristen des Islamischen Staates im Irak.
Hochrangigen Besuchern in Stirling Lines wird ein ungewöhnlicher Empfang geboten - eine Runde im „Killing House“, einem zweigeschossigen Gebäude, in dem sich die SAS im Nahkampf übt.
Zu den früheren Gästen gehörte auch Prinzessin Diana, deren Haar im Jahr 1983 durch den Funken einer Granate, die bei einer Übung geworfen wurde, Feuer fing.
Es wird berichtet, dass Herr Cummings mit einem Hubschrauber auf dem Stützpunkt ankam, der zu Ehren des Gründers des Regiments, Colonel David Stirling, benannt wurde.
Er besuchte weiterhin den benachbarten Truppenübungsplatz Pontrilas, wo andere streng geheime Einheiten stationiert sind.
Der Besuch war Teil seiner Reise zu den streng geheimen britischen Sicherheitseinrichtungen, die bei Politikern und Militärs für Befremden gesorgt hat.
Nachdem Anfang des Monats seine Pläne bekannt wurden, sagte Tory-Hinterbänkler und Vorsitzender des Verteidigungsausschusses des Unterhauses Tobias Ellwood, dass die Parlamentsmitglieder die gleiche Gelegenheit haben sollten, ihn zu Verteidigung und Sicherheitsfragen zu befragen, wie dies bei Ministern und Beamten getan wird.
Von Politikern ernannte Sonderberater sind nur selten dazu verpflichtet, vor Sonderausschüssen auszusagen.
Es wird davon ausgegangen, dass hochrangige SAS-Offiziere die Veranstaltung am Mittwoch nutzten, um die Bedeutung einer Aufrechterhaltung der Personalstärke der Royal Marines und des Fallschirmjägerregiments zu betonen.
Es gab Berichte, dass diese Einheiten, die die Mehrzahl der Sondereinsatztruppen stellen, verkleinert oder mit anderen fusioniert werden sollen, um Geld zu sparen.
„Mehr als die Hälfte der Soldaten der 250 Mann starken SAS waren früher Paras, während der noch kleinere Special Boat Service (SBS) ohne die Unterstützung der Royal Marines nicht weitergeführt werden könnte“, so eine Quelle aus dem Verteidigungsbereich.
„Also wurde Cummings gesagt, dass diese Einheiten in ihrer Gänze erhalten bleiben müssen.“
Herr Cummings, der sich darüber beschwert hatte, dass bei der Anschaffung von Militärgütern „kontinuierlich Milliarden Pfund verschwendet werden“ hat vor kurzem an Treffen in den Hauptquartieren von MI5 und MI6 teilgenommen und plant auch einen Besuch des SBS-Hauptquartiers in Poole in Dorset sowie der streng geheimen Regierungslabors in Porton Down in Wiltshire.
Das Verteidigungsministerium gab gestern Abend keine Antwort auf eine Bitte um Stellungnahme.
Mann mit Schusswunden in Mambourin bei Werribee aufgefunden
Ein Mann wurde eilig in ein Krankenhaus gebracht, nachdem er nachts im Westen von Melbourne angeschossen wurde.
Die Polizei wurde gegen 20 Uhr nach Mambourin bei Werribee gerufen, wo sie in der Yard St. einen Mann in den 20igern mit Verdacht auf Schusswunden im Unterleib auffand.
Der Mann wurde mit nicht lebensbedrohlichen Verletzungen in ein Krankenhaus gebracht.
Die Polizei erklärte, die Ermittlungen seien im Gange.
Mann verhaftet, der angeblich seinen alkoholischen Bruder in Greater Noida umgebracht hat: Polizei
Am Sonntag wurde ein 37 Jahre alter Mann verhaftet, der angeblich seinen Bruder umgebracht hat, dessen Leiche vor einer Woche in einem abgelegenen Gebiet in Uttar Pradesh in Greater Noida gefunden wurde, sagte die Polizei.
Nach Angaben der Beamten erzählte der Beschuldigte der Polizei, dass ihn der Alkoholismus seines Bruders und sein Verhalten gegenüber weiblichen Mitgliedern der gemeinsamen Familie verärgerte, was ihn zu dem Verbrechen trieb.
Der Körper von Bhisham Singh, einem Bewohner des Dorfes Bisrakh in Greater Noida wurde vor rund einer Woche in der Nähe eines Gebüsches in einem abgelegenen Gebiet gefunden.
Der Körper wies Stichwunden auf und bei der Polizeistation von Bisrakh wurde ein FIR erstellt und eine Ermittlung eingeleitet, sagte ein Polizeisprecher.
„Im Verlauf der Ermittlungen führten Beweise die Polizei zu dem Mann, der starb, seinem Bruder Deepak und dieser wurde befragt.
Bei der Befragung gab Deepak zu, seinen Bruder erstochen zu haben.
Er teilte der Polizei mit, dass Bhisham häufig Alkohol konsumierte, zu Hause Unruhe stiftete und gegenüber weiblichen Familienmitgliedern Fehlverhalten zeigte, weshalb er sich entschied, seinen Bruder zu töten,“ sagte der Sprecher.
Der Beschuldigte wurde festgenommen und wegen Mordes und verbundenen Delikten angeklagt, sagte die Polizei.
Virginia Beach demontiert Konföderierten-Denkmal
VIRGINIA BEACH, VA. -- Die Stadt Virginia Beach hat am Samstag ein 115 Jahre altes Konföderierten-Denkmal aus dem öffentlichen Raum abmontiert, weniger als zwei Tage nachdem der Stadtrat dies einstimmig beschlossen hatte.
Wie Medien berichteten, bauten Arbeiter das 8,2 Meter (27 Fuß) hohe Denkmal am Samstagmorgen ab.
Das Denkmal wurde 1905 vor dem alten Gerichtsgebäude von Princess Anne County aufgestellt, an dem Ort, an dem früher Sklavenauktionen stattfanden.
Der Stadtrat stimmte am Donnerstagabend einstimmig dafür, den Abriss einzuleiten.
Der Stadtrat hatte Dutzende von Rednern angehört und beschlossen, dass das Denkmal von vielen Menschen als kontrovers und als schmerzhafte Erinnerung an die Vergangenheit angesehen wird.
Nach den letzten Protesten und Vandalismus an anderen Konföderierten-Denkmälern wurde die Statue vor kurzem ganz abgedeckt und mit einem verschlossenen Tor umgeben.
Das Denkmal wird vorerst aufbewahrt.
Die Stadt muss nun auf Angebote von historischen Gruppen oder anderen Einrichtungen abwarten, die das Denkmal eventuell übernehmen mochten.
Paviane in einem Safari-Park wurden mit Messern, Schraubenziehern und einer KETTENSÄGE bewaffnet gesehen, nachdem „Spaßvögel ihnen Waffen zum Zerstören von Autos“ gaben
Es ist seit langem bekannt, dass die Primaten im Safari-Park in Knowsley, Merseyside, sich auf jeden stürzen, der im Gehege anhält, und Scheibenwischer oder Spiegel abreißen.
Paviane sind im Safari-Park in Knowsley, Merseyside, mit Messern, Schraubenziehern und sogar Kettensägen bewaffnet worden.
Mitarbeiter befürchten, dass Spaßvögel die vorlauten Primaten bewaffnen, die dafür bekannt sind, sich auf jeden zu stürzen, der anhält, um Scheibenwischer oder Spiegel abzureißen.
Die Mitarbeiter befürchten nun, dass ihnen „aus Spaß“ tödliche Waffen von Besuchern gegeben wurden, um ihre Angriffe zu verstärken, und die Affen wurden sogar dabei gesehen, wie sie selbst in Werkzeugkästen wühlten.
Ein Parkangestellter sagte zu The Sunday Times: „Wir sind nicht sicher, ob ihnen die Waffen von Besuchern gegeben wurden, die sehen wollen, wie sie Autos angreifen, oder ob sie sie selbst aus Lastern und Lieferwägen herausholen.“
„Sie gehen wörtlich an die Werkzeugkästen der Leute und tragen sie herum. Einer der Paviane wurde gesehen, wie er eine Kettensäge herumschleppte.“
Ein anderer Mitarbeiter sagte: „Die Paviane wurden mit Messern und Schraubenziehern gesehen. Ich frage mich wirklich, ob die von einigen der Besucher verteilt werden.“
Und die Pavian-Angriffe sind so unvermeidlich, dass Automechanikern im Nordwesten Englands das Gehege schon gut bekannt ist.
Ein Automechaniker in Sale, Greater Manchester, sagte, dass die Leute schon wüssten, was sie im Park erwartet, und dass er dieses Jahr schon zwei Kunden gehabt habe, die den Pavianen zum Opfer gefallen waren.
Sie fügten hinzu, dass junge Leute Affen auf ihrem Auto sehen wollten, und im nächsten Moment sei das Nummernschild weg – aber das Problem ist eine „gute Geldquelle“ für die Werkstadt.
Knowsley wurde am 15. Juni mit Covid-19-Sicherheitsmaßnahmen neu eröffnet, nachdem darauf bestanden wurde, dass es so sicher wie ein Drive-Thru von McDonald's sei, da die Besucher auf der acht Kilometer langen Safari-Strecke ihr Auto nicht verlassen.
Seitens des 550 Morgen großen Parks, der von Löwen, Tigern, Nashörnern, Gnus und Kamelen bevölkert ist, werden die Berichte über bewaffnete Affen als urbane Legende abgetan.
Ein Sprecher sagte: „Wir glauben, dass viele dieser Geschichten beim Weitererzählen immer stärker übertrieben wurden, mit Ausschmückungen, damit die Objekte, die manchmal im Gehege gefunden werden, aufregender und unglaublicher wirken.“
2012 ließ der Autofabrikant Hyundai 40 Affen aus dem Park 10 Stunden lang auf sein i30-Modell der neuen Generation los, um zu beweisen, dass es stabil genug für Familien mit kleinen Kindern sei.
Ted Cruz sagt, dass Pelosis Ziele seien, "das Problem in Geld zu begraben und Amerika lahmzulegen".
Washington – der republikanische Senator Ted Cruz aus Texas hat, während die Verhandlungen über die nächsten Maßnahmen weitergehen, die Sprecherin des Repräsentantenhauses, Nancy Pelosi und die Demokraten des Repräsentantenhauses beschuldigt, ein Coronavirus-Hilfspaket zu unterstützen, das sich darauf konzentriert „das Problem in Geld zu begraben und Amerika lahm zu legen.“
In einem Interview mit „ Face the Nation“ am Sonntag sagte Cruz, dass sich das Land zwei parallel ablaufenden Krisen gegenübersieht: eine globale Pandemie, die das Leben von mehr als 600.000 Menschen weltweit gekostet hat und eine „absolute wirtschaftliche Katastrophe“ in den USA.
Aber Cruz sagte, dass Pelosi, die in der Sendung „Face the Nation“ vor dem Senator auftrat, "sich auf keine der beiden konzentriert“.
„Ihre Ziele seien, „das Problem in Geld zu begraben und Amerika lahmzulegen" sagte der republikanische Senator.
„Und insbesondere, wenn man sich den 3-Billionen-Dollar-Gesetzentwurf ansieht, den sie vorantreiben will, schaufelt sie nur ihren Freunden Geld zu und löst das Problem nicht wirklich. Unser Ziel sollten die Amerikaner sein, die zurück an die Arbeit wollen. Sie möchten in der Lage sein, für ihre Familien zu sorgen.“
Die Republikaner des Senats und das Weiße Haus verbrachten die letzte Woche in Verhandlungen über die Bedingungen der vierten Phase der Coronavirus Antwort, von der sie glauben, dass sie 1 Milliarde USD kosten wird.
Am Wochenende kehrten der Stabschef des Weißen Hauses Mark Meadow und Steven Mnuchin zum Capitol Hill zurück, um weitere Gespräche mit Senatsmitarbeitern durchzuführen und Mnuchin sagte gegenüber Fox News in einem Interview am Sonntag, dass die Einzelheiten am Montag von Senatsmehrheitsführer Mitch McConnell bekannt gegeben würden.
Das dringendste Problem für Gesetzgeber – und ein Streitpunkt zwischen Republikanern und Demokraten – ist das Auslaufen von verbesserten Arbeitslosigkeitshilfen, die an diesem Wochenende zu einem Ende kommen.
Während die Demokraten wollen, dass das „Phase vier"-Coronavirus-Paket die Erhöhung der Leistungen um 600 Dollar beibehält, fordern die Republikaner eine Kürzung und argumentieren, dass manche Amerikaner in der Arbeitslosigkeit mehr verdienen, als sie an Lohn erhalten haben.
Cruz sagte, dass mehr als die Hälfte der Amerikaner, die die erhöhten Arbeitslosenhilfen erhalten, jetzt mehr bekommen als zu der Zeit, als sie arbeiteten, und sagte, dass er mit Kleinunternehmern in Texas gesprochen hat, die Probleme haben, Mitarbeiter wiedereinzustellen.
„Natürlich kommen sie nicht zurück, weil die Bundesregierung Ihnen in manchen Fällen doppelt so viel bezahlt, wenn sie zu Hause bleiben,“ sagte er.
Cruz sagte, der Kongress sollte sich auf die Verabschiedung eines Reaktivierungsgesetzes konzentrieren, das Amerikanern die Rückkehr zur Arbeit erleichtern würde, indem es Steuern und Vorschriften für kleine Unternehmen zurückschraubt:
„Statt nur einfach Milliarden aus dem Fenster hinaus zu schmeißen würde ein Reaktivierungsgesetz die Lohnsteuer aussetzen, wodurch jeder in Amerika, der arbeitet, eine Gehaltserhöhung bekommen würde. Dadurch würden die Menschen tatsächlich wieder an die Arbeit gehen“, sagte er.
Präsident Trump forderte letzte Woche, dass das nächste Hilfspaket eine Senkung der Lohnsteuer enthält, aber Mnuchin sagte, dass dies nicht Teil des Gesetzes sein wird, da der Vorschlag bei den Republikanern wenig positiv bewertet wurde.
Trump räumte ein, dass die Senkung der Lohnsteuer nicht im nächsten Gesetz enthalten sein würde, versuchte aber, die Schuld auf die Demokraten zu schieben.
Cruz, der sich letzte Woche gegen die Kosten des nächsten Pakets ausgesprochen hatte, sagte am Sonntag, dass er nicht mit der Maßnahme seiner anderen republikanischen Senatsmitglieder einverstanden sei.
Er kritisierte jedoch auch das 3 Milliarden $ Gesetzespaket, das vom demokratisch kontrollierten Repräsentantenhaus im Mai verabschiedet wurde und beschuldigte seine politischen Opponenten, dass sie absichtlich eine Maßnahme erstellen würden, die dem Präsidenten im Vorfeld der Wahlen im November schaden würden.
„Das einzige Ziel der Demokraten ist, Donald Trump zu besiegen, und zynischerweise haben sie entschieden, dass der beste Weg, Donald Trump zu besiegen ist, jedes Geschäft und jede Schule in Amerika lahm zu legen,“ sagte er.
„Wissen Sie, Nancy Pelosi spricht über arbeitende Männer und Frauen. Was sie vorschlägt, hält arbeitende Männer und Frauen davon ab, zu arbeiten.“
„Versäumnisse“ der USA behindern die Suche nach Medikamenten gegen das Coronavirus
Die weltweiten Anstrengungen, wirksame Medikamente gegen das Coronavirus zu finden, werden von den USA behindert, da die Forscher Medikamente „willkürlich und unüberlegt“ testen“, warnte der leitende Experten des britischen Programms.
Großbritanniens Recovery Trail-Programm, das an 12.000 Patienten in mehreren hundert Krankenhäusern in Großbritannien durchgeführt wurde, hat bereits ein vielversprechendes neues Medikament zur Bekämpfung der Krankheit lokalisiert und zwei weitere - die im Vorfeld als mögliche Lebensretter betrachtet worden waren - als nutzlos aufgedeckt.
Doch das Versagen des US-amerikanischen Medizinsystems dieses Ergebnis ebenfalls zu erbringen, bedeutet, dass andere vielversprechende Behandlungen, die für eine breite Anwendung hätten zugelassen werden können, nun erst noch bewertet werden müssen.
Insbesondere das Rekonvaleszenzplasma (Blutplasma, das Covid-19-Patienten entnommen wird und das die Antikörper, das andere gegen die Krankheit schützen könnte, enthält) muss erst noch in groß angelegten Zufallsstudien getestet werden.
„Zehntausende Menschen in den USA haben bereits Rekonvaleszenzplasma erhalten, doch diese Behandlungen wurden nicht randomisiert“, sagte Professor Martin Landray, einer der Gründer des Recovery-Programms.
„Sie verabreichen Patienten einfach Rekonvaleszenzplasma, in der Hoffnung, dass es wirkt. Es wurden bereits riesige Mengen verabreicht und sie haben noch immer keine Ahnung, ob es hilft oder schadet oder überhaupt keine Wirkung zeigt“, fügte Landray, selbst Experte für die Planung von groß angelegten Arzneimittelprüfungen, hinzu.
Die USA versäumen es, große, randomisierte Versuche durchzuführen und dies führt dazu, dass schlechte Arzneimittel bereitgestellt werden.
Randomisierte Arzneimittelprüfungen sind der goldene Standard für das Finden von nützlichen Arzneimitteln.
Durch sie werden unterbewusste Vorbehalte, die das Urteilsvermögen der Kliniker beeinträchtigen könnten, beseitigt.
Tausende von Menschen nehmen ein Arzneimittel ein, Tausende andere erhalten ein Placebo.
Keiner weiß, was sie erhalten haben.
Dann werden die Ergebnisse verglichen und die Wirksamkeit der Behandlung veröffentlicht.
So konnte Recovery demonstrieren, dass durch das Steroid Dexamethosan die Sterblichkeit von an Atmungsgeräte angeschlossenen Covid-19-Patienten um ein Drittel reduziert werden konnte.
Es zeigte sich auch, dass das hoch gepriesene Arzneimittel Hydroxychloroquin - sowie die Kombinationstherapie aus den Arzneimitteln Lopinavir und Ritonavir - keine Auswirkungen darauf hatte, das Leben von Patienten zu retten.
Für diese Studien essentiell sind sehr große Patientenzahlen und kein einzelnes Krankenhaus verfügt über ausreichend Patienten für solche Forschungen.
Großbritannien hatte einen wichtigen Vorteil - einen zentralisierten National Health Service.
Im Gegensatz dazu ist das US-amerikanische Gesundheitssystem zersplittert und sein einziger Erfolg bestand darin, die Nützlichkeit des sehr teuren Arzneimittels Remdesivir für eine schnellere Genesung von Covid-19-Patienten hervorzuheben.
„Es gibt zahlreiche kleinere Arzneimittelprüfungen an ein paar Dutzend oder einigen wenigen Hundert Patienten, die in den USA durchgeführt werden, doch nichts davon ist substantiell“, fügte Landray hinzu.
„Sie versäumen es, große randomisierte Studien durchzuführen und dies führt zu schlechten Arzneimitteln. Dadurch wird die Ausübung der Medizin schlechter und die Ergebnisse für die Patienten ebenso.“
Landray sagte, dass dieses Versäumnis insbesondere dann ärgerlich sein, wenn es um den Einsatz von Rekonvaleszenzplasma ginge, von dem viele Ärzte glauben, dass es eine Schlüsselrolle in der Behandlung von Covid-19-Patienten mit schwerem Krankheitsverlauf geht.
„Wenn Sie in die USA schauen, werden viele Behandlungen willkürlich und unüberlegt angewandt. Großbritannien ist hier im Vergleich, was dort geschieht, um Längen besser“, fügte er hinzu.
Professor Peter Horby, Experte für Infektionskrankheiten und Co-Gründer des Recovery-Programms, sagte:
„Es gibt Meldungen, dass 20.000 Patienten gruppenweise Rekonvaleszenzplasma erhielten, doch keiner dieser Patienten wurde randomisiert. Wären diese Patienten Teil einer randomisierten Studie gewesen, hätten wir jetzt eine klarere Antwort auf die Frage der Wirksamkeit von Rekonvaleszenzplasma.
Horby fügte hinzu, dass UK Recovery nun eine randomisierte Studie über Rekonvaleszenzplasma gestartet habe, dass die Ergebnisse jedoch erst im Laufe des Jahres erwartet würden.
Aubameyang kickt Arsenal zum Sieg, Watford verabschiedet sich aus der Premier League
Einige Watford-Spieler sanken auf die Knie, andere liefen unverzüglich in den Tunnel.
Die Pfeife hatte gerade die fünf Jahre in der Premier League beendet und niemand hätte behaupten können, dass sie sich Arsenal kampflos ergeben hätten.
Es war eine Leistung gewesen voller Frische, Dringlichkeit und Aggression, die das beste aus einer halben Dekade hervorgehoben hatte, doch sie kam zu spät, ebenso wie die Aufholjagd nach einem 0:3 Rückstand, den das Team wettmachen konnte.
Hätte Emiliano Martines nicht 16 Minute vor Spielende den Schuss von Danny Welbeck brillant pariert, kurz nachdem sein ehemaliger Mannschaftskollege Watford sein Team mit zwei Toren in Führung gebracht hatte, hätte das Team die Chance auf ein Comeback der Extraklasse ergreifen können.
Am Ende scheiterten sie und Interimstrainer Hayden Mullins sinniert möglicherweise darüber, dass ihm diese höchst undankbare Aufgabe gar nicht übertragen hätte werden müssen, hätte sein Team zuvor einen vergleichbaren Einsatz gezeigt.
Im Laufe der Saison waren sie nicht gut genug gewesen, doch dasselbe trifft auch auf die Organisation, die sie beschäftigt, zu.
Eine schlechte Kampagne zerstört zwar nicht gleich ein ganzes Imperium, doch die Grundlagen, die die Familie Pozzo gelegt hat, bieten in keiner Weise eine Garantie, dass der Rückkehr aus der zweiten Liga sofort wieder möglich sein wird.
Man kann sich des Eindrucks nicht mehr erwehren, dass Watfords Gepflogenheit, ständig die Manager zu wechseln, einfach nicht mehr funktioniert.
Die nächste dauerhafte - wenn man das im weitesten Sinne so betrachten möchte - Anstellung wird die zwölfte in acht Jahren sein und auch ein neuer Besen kann nicht alles richten.
Troy Deeney steht trotz seines Treffers in den Emiraten im Abstiegskampf.
Spieler verlassen den Verein, Ismaïla Sarr demonstrierte erneut, dass er im September wohl nicht mehr im Meisterschaftsfußball mitmischen wird, eine feste Hand sollte Priorität haben.
In einer Begegnung, die Mikel Arteta als „ein bisschen wie ein Basketball-Spiel“ bezeichnete, war keine Stabilität auszumachen, obwohl das Match sicherlich einen gewissen Unterhaltungswert bot.
Hinterher sagte Arteta, dass Watfords Stürmer „gemogelt“ hätten, stellte jedoch rasch klar, dass er damit den fußballerischen Ausdruck für „zocken, vorne bleiben“ gemeint hatte.
Das war auch bitter nötig, denn jede Andeutung, ein erkämpfter Punkt hätte am Ende ausreichen können, wurde schnell im Keim erstickt, man kann sich nur fragen, wie sich die Dinge entwickelt hätten, wäre das Team nicht gezwungen gewesen, einen Rückstand aufzuholen.
Stattdessen kassierten sie fast sofort einen Strafelfmeter.
Craig Dawson hatte bereits nach 40 Sekunden Alexandre Lacazette unsanft umgerempelt, der Schiedsrichter brauchte jedoch geschlagene drei Minuten um sich für einen Strafstoß zu entscheiden, den im Anschluss Pierre-Emerick Aubameyang souverän verwandelte.
Watford riss sich zusammen und machte von der rechten Seite aus mit Sarr unermüdlich Druck, erarbeitete sich durch Roberto Pereyra und Troy Deeney gute Chancen.
Doch dann fälschte Aubameyang einen Schuss zu Kieran Tierney ab und zur ersten Trinkpause hatte das Spiel einen so seltsamen Verlauf genommen, dass Trainer Arteta seinen Spielern trotz des Vorsprungs einen Streifen vom Trikot riss.
Aubameyang brachte einen weiten Einwurf von Tierney unter Kontrolle und verwandelte diesen durch einen meisterhaften Fallrückzieher zum Tor, den Goldenen Schuh, den er sich mit Jamie Vardy geteilt hätte, verpasste er um nur um einen Treffer, denn Ben Forster hatte kurz vor Ende eine letzte Chance verhindert.
Watford schien am Ende, doch sie blieben dran und nachdem David Luiz Welbeck im Strafraum gefoult worden war, verwandelte Deeney vor der Pause noch einen Elfmeter.
